package io.sipdrill.environments.local;

import io.sipdrill.chaos.drill.DrillRunner;
import io.sipdrill.environments.HandsetTls;
import io.sipdrill.environments.RegistrarOutageVerdicts;
import io.sipdrill.environments.TlsOutageDrill;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The registrar-outage drill over TLS against two real Kamailio instances (registrar.cfg with
 * WITH_TLS, certificates from the run's CA; needs Debian's kamailio-tls-modules): 100 handsets
 * register over TLS, the primary's process tree is frozen, they fail over to the backup over TLS
 * and come back once it is thawed. Time scale 60: about 30 s of drill.
 */
@Tag("kamailio")
class KamailioTlsDrillTest {

    /** Test-only addresses (this suite's 127.0.30–34 blocks), clear of a real run and the other tests. */
    private static final InetSocketAddress PRIMARY = new InetSocketAddress("127.0.32.2", 5060);
    private static final InetSocketAddress BACKUP = new InetSocketAddress("127.0.33.2", 5060);
    private static final String HANDSETS_FROM = "127.0.34.11";
    private static final int HANDSETS = 100;

    @TempDir
    Path tmp;

    @Test
    void handsetsFailOverAndBackOverTlsWithKamailio() throws Exception {
        LocalTopologyConfig config = LocalTopologyConfig.defaults(tmp.resolve("kamailio").toAbsolutePath())
                .withAddresses(PRIMARY, BACKUP);
        try (LocalTopology topology = new LocalTopology(config)) {
            TlsOutageDrill.Run run = TlsOutageDrill.run(topology, tmp, HANDSETS, HANDSETS_FROM);
            topology.collectLogs(tmp.resolve("logs"));

            assertThat(run.ending()).isEqualTo(DrillRunner.Ending.COMPLETED);
            InetSocketAddress tlsPrimary = new InetSocketAddress(PRIMARY.getAddress(), HandsetTls.PORT);
            assertThat(run.target().handsetPrimary()).as("handsets went to the primary's TLS listener").isEqualTo(tlsPrimary);
            RegistrarOutageVerdicts.checkOverTls(run.events(), HANDSETS, run.outageDetail(), 0);
            assertThat(new SipOptionsProbe(Duration.ofMillis(300)).probe(tlsPrimary))
                    .as("port 5061 takes no plain UDP SIP: the handsets' answers came over TLS").isEmpty();
        }
    }
}
