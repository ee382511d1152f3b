package io.sipdrill.environments.embedded;

import io.sipdrill.chaos.drill.DrillRunner;
import io.sipdrill.chaos.toxic.Transport;
import io.sipdrill.environments.ProxiedLinks;
import io.sipdrill.environments.TlsOutageDrill;
import io.sipdrill.load.journal.JournalEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Handsets on TLS through the fault proxy: the links are TCP routes in front of the POPs' TLS
 * listeners, the POPs' certificates also name the proxy's listener addresses (the handsets verify
 * the address they connect to), and a link-down on {@code handsets->registrar} still takes the
 * primary away from the handsets: they fail over to the backup through its own link and come back.
 */
class EmbeddedTlsLinkDrillTest {

    private static final InetSocketAddress PRIMARY = new InetSocketAddress("127.0.32.3", 5060);
    private static final InetSocketAddress BACKUP = new InetSocketAddress("127.0.33.3", 5060);
    private static final InetSocketAddress TO_PRIMARY = new InetSocketAddress("127.0.30.51", 5061);
    private static final InetSocketAddress TO_BACKUP = new InetSocketAddress("127.0.30.52", 5061);
    private static final String HANDSETS_FROM = "127.0.34.31";
    private static final int HANDSETS = 40;

    @TempDir
    Path tmp;

    @Test
    void aLinkDownOnATlsLinkMovesTheHandsetsToTheBackupAndBack() throws Exception {
        try (EmbeddedTopology topology = new EmbeddedTopology(EmbeddedTopologyConfig.defaults().withAddresses(PRIMARY, BACKUP))) {
            TlsOutageDrill.Run run = TlsOutageDrill.runThroughLinks(topology, tmp, HANDSETS, HANDSETS_FROM, TO_PRIMARY, TO_BACKUP);

            assertThat(run.ending()).isEqualTo(DrillRunner.Ending.COMPLETED);
            assertThat(run.link().transport()).as("the handsets' link to the primary").isEqualTo(Transport.TCP);
            assertThat(run.link().upstreamBytes()).as("bytes the link forwarded to the primary's TLS listener").isPositive();

            List<JournalEvent.FaultStep> steps = run.events().stream().filter(JournalEvent.FaultStep.class::isInstance)
                    .map(JournalEvent.FaultStep.class::cast).toList();
            assertThat(steps).extracting(s -> s.action() + " " + s.target())
                    .containsExactly("start " + ProxiedLinks.HANDSETS_TO_REGISTRAR, "end " + ProxiedLinks.HANDSETS_TO_REGISTRAR);
            long down = steps.get(0).t();
            long up = steps.get(1).t();
            List<JournalEvent.TimelineSample> timeline = run.events().stream().filter(JournalEvent.TimelineSample.class::isInstance)
                    .map(JournalEvent.TimelineSample.class::cast).toList();
            assertThat(timeline).as("everyone on the primary before the link went down")
                    .anyMatch(s -> s.t() < down && s.primary() == HANDSETS);
            assertThat(timeline).as("everyone on the backup while the link was down")
                    .anyMatch(s -> s.t() > down && s.t() < up && s.backup() == HANDSETS);
            JournalEvent.TimelineSample last = timeline.get(timeline.size() - 1);
            assertThat(last.primary()).as("back on the primary at the end").isGreaterThanOrEqualTo((int) Math.ceil(HANDSETS * 0.9));
            assertThat(run.events()).as("no retransmission over TLS").noneMatch(JournalEvent.Retransmission.class::isInstance);

            assertThat(topology.primaryRegistrar().requestsReceived("TLS")).as("REGISTERs the primary took over TLS")
                    .isGreaterThanOrEqualTo(2L * HANDSETS);
            assertThat(topology.primaryRegistrar().requestsReceived("UDP")).isZero();
            assertThat(topology.backupRegistrar().requestsReceived("TLS")).as("failovers over TLS through the backup's link")
                    .isGreaterThanOrEqualTo(HANDSETS);
        }
    }
}
