package io.sipdrill.environments.embedded;

import io.sipdrill.chaos.drill.DrillRunner;
import io.sipdrill.environments.HandsetTls;
import io.sipdrill.environments.RegistrarOutageVerdicts;
import io.sipdrill.environments.TlsOutageDrill;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The registrar-outage drill over TLS on the embedded topology, in real time: 60 handsets register
 * with the primary over TLS, the primary goes dark (capacity 0), they fail over to the backup over
 * TLS and come back. Judged from the journal; the registrars' own counts prove the REGISTERs
 * arrived over TLS and none over UDP.
 */
// -Plong: by default TlsDrillCliTest plays this outage over TLS on embedded through the CLI, and
// KamailioTlsDrillTest holds the same verdicts (RegistrarOutageVerdicts.checkOverTls) on Kamailio.
@org.junit.jupiter.api.Tag("long")
class EmbeddedTlsDrillTest {

    /** Test-only addresses (this suite's 127.0.30–34 blocks), clear of a real run and the other tests. */
    private static final InetSocketAddress PRIMARY = new InetSocketAddress("127.0.32.1", 5060);
    private static final InetSocketAddress BACKUP = new InetSocketAddress("127.0.33.1", 5060);
    private static final String HANDSETS_FROM = "127.0.34.1";
    private static final int HANDSETS = 60;

    @TempDir
    Path tmp;

    @Test
    void handsetsFailOverAndBackOverTls() throws Exception {
        try (EmbeddedTopology topology = new EmbeddedTopology(EmbeddedTopologyConfig.defaults().withAddresses(PRIMARY, BACKUP))) {
            TlsOutageDrill.Run run = TlsOutageDrill.run(topology, tmp, HANDSETS, HANDSETS_FROM);

            assertThat(run.ending()).isEqualTo(DrillRunner.Ending.COMPLETED);
            assertThat(run.target().handsetPrimary()).as("handsets went to the primary's TLS listener")
                    .isEqualTo(new InetSocketAddress(PRIMARY.getAddress(), HandsetTls.PORT));
            RegistrarOutageVerdicts.checkOverTls(run.events(), HANDSETS, run.outageDetail(), 0);

            EmbeddedRegistrar primary = topology.primaryRegistrar();
            EmbeddedRegistrar backup = topology.backupRegistrar();
            assertThat(primary.requestsReceived("TLS")).as("REGISTERs the primary took over TLS (two per handset at least)")
                    .isGreaterThanOrEqualTo(2L * HANDSETS);
            assertThat(primary.requestsReceived("UDP")).as("REGISTERs the primary took over UDP").isZero();
            assertThat(backup.requestsReceived("TLS")).as("REGISTERs the backup took over TLS (the failovers)")
                    .isGreaterThanOrEqualTo(HANDSETS);
            assertThat(backup.requestsReceived("UDP")).as("REGISTERs the backup took over UDP").isZero();
            long boundOverTls = java.util.stream.IntStream.range(0, HANDSETS)
                    .filter(i -> primary.contacts(Integer.toString(1_000_000 + i)).stream().anyMatch(c -> c.contains(";transport=tls")))
                    .count();
            assertThat(boundOverTls).as("handsets bound on the primary at the end with a ;transport=tls Contact")
                    .isGreaterThanOrEqualTo((long) Math.ceil(HANDSETS * 0.9));
        }
    }
}
