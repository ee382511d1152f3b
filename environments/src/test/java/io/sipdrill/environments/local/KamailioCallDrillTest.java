package io.sipdrill.environments.local;

import io.sipdrill.environments.CallDrillContract;
import io.sipdrill.environments.Topology;
import org.junit.jupiter.api.Tag;

import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * The call drills ({@link CallDrillContract}) on the local topology: Kamailio POPs and PBX
 * instances. The failover drill freezes the primary POP's process tree, so after the DDI switch
 * the backup POP finds the handsets registered there and rings them through its own PBX.
 */
@Tag("kamailio")
class KamailioCallDrillTest extends CallDrillContract {

    KamailioCallDrillTest() {
        super("127.0.115", "127.0.116", "127.0.118");
    }

    @Override
    protected Topology topology(InetSocketAddress primary, InetSocketAddress backup, Path runDir) {
        return new LocalTopology(LocalTopologyConfig.defaults(runDir).withAddresses(primary, backup));
    }
}
