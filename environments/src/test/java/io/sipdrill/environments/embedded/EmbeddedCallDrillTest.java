package io.sipdrill.environments.embedded;

import io.sipdrill.environments.CallDrillContract;
import io.sipdrill.environments.Topology;

import java.net.InetSocketAddress;
import java.nio.file.Path;

/** The call drills ({@link CallDrillContract}) on the embedded topology: JAIN-SIP POPs and lean-engine PBX instances in this JVM. */
class EmbeddedCallDrillTest extends CallDrillContract {

    EmbeddedCallDrillTest() {
        super("127.0.61", "127.0.62", "127.0.64");
    }

    @Override
    protected Topology topology(InetSocketAddress primary, InetSocketAddress backup, Path runDir) {
        return new EmbeddedTopology(EmbeddedTopologyConfig.defaults().withAddresses(primary, backup));
    }
}
