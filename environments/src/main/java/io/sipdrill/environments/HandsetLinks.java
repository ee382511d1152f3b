package io.sipdrill.environments;

import io.sipdrill.chaos.fault.LinkFaults;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * The handsets' way to the POPs through a fault proxy a topology runs itself (the docker
 * topology's {@code fault-proxy} service): where the handsets send instead of each POP, and the
 * toxics a drill puts on those links ({@code handsets->registrar}, {@code handsets->backup}).
 *
 * <pre>{@code
 * topology.handsetLinks().ifPresent(links ->
 *         target = target.withHandsetsVia(links.faults(), links.toPrimary(), links.toBackup()));
 * }</pre>
 *
 * @param faults    toxics on the proxy's links, by link name
 * @param toPrimary the proxy's listener forwarding to the primary registrar
 * @param toBackup  the proxy's listener forwarding to the backup POP
 */
public record HandsetLinks(LinkFaults faults, InetSocketAddress toPrimary, InetSocketAddress toBackup) {

    public HandsetLinks {
        Objects.requireNonNull(faults, "faults");
        Objects.requireNonNull(toPrimary, "toPrimary");
        Objects.requireNonNull(toBackup, "toBackup");
    }
}
