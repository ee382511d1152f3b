package io.sipdrill.environments.embedded;

import io.sipdrill.environments.SippCallInteropContract;
import io.sipdrill.environments.Topology;
import org.junit.jupiter.api.Tag;

import java.net.InetSocketAddress;
import java.nio.file.Path;

/** SIPp on both ends ({@link SippCallInteropContract}) of the embedded POP and PBX. */
@Tag("sipp")
class SippCallInteropTest extends SippCallInteropContract {

    SippCallInteropTest() {
        super("127.0.65", "127.0.66", "127.0.67", "127.0.68");
    }

    @Override
    protected Topology topology(InetSocketAddress primary, InetSocketAddress backup, Path runDir) {
        return new EmbeddedTopology(EmbeddedTopologyConfig.defaults().withAddresses(primary, backup));
    }
}
