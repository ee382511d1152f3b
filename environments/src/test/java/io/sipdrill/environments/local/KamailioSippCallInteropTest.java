package io.sipdrill.environments.local;

import io.sipdrill.environments.SippCallInteropContract;
import io.sipdrill.environments.Topology;
import org.junit.jupiter.api.Tag;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;

/**
 * SIPp on both ends ({@link SippCallInteropContract}) of a Kamailio POP and a Kamailio PBX. SIPp
 * plays its built-in call flows, with the dialog's route set added: the built-ins ignore
 * Record-Route, which only a back-to-back user agent (the embedded PBX) tolerates, while these
 * proxies record-route every hop (see the scenario files).
 */
@Tag("kamailio")
@Tag("sipp")
class KamailioSippCallInteropTest extends SippCallInteropContract {

    KamailioSippCallInteropTest() {
        super("127.0.120", "127.0.121", "127.0.122", "127.0.124");
    }

    @Override
    protected Topology topology(InetSocketAddress primary, InetSocketAddress backup, Path runDir) {
        return new LocalTopology(LocalTopologyConfig.defaults(runDir).withAddresses(primary, backup));
    }

    @Override
    protected List<String> uacScenario() {
        return List.of("-sf", SippScenarios.of("uac-call-route-set.xml").toString());
    }

    @Override
    protected List<String> uasScenario() {
        return List.of("-sf", SippScenarios.of("uas-call-route-set.xml").toString());
    }
}
