package io.sipdrill.environments.embedded;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * What an embedded POP needs to route calls (CALL-ROUTING.md): the carrier it accepts DDI calls
 * from, and its PBX instances.
 */
public record CallRouting(InetSocketAddress carrier, List<InetSocketAddress> pbxs) {

    public CallRouting {
        pbxs = List.copyOf(pbxs);
        if (pbxs.isEmpty()) {
            throw new IllegalArgumentException("call routing needs at least one PBX");
        }
    }
}
