package io.sipdrill.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sipdrill.environments.embedded.EmbeddedTopology;
import io.sipdrill.environments.embedded.EmbeddedTopologyConfig;
import io.sipdrill.load.journal.JournalEvent;
import io.sipdrill.load.journal.JournalMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --env external} with a drill file that acts on a link: sipdrill puts its fault proxy
 * between the handsets and "your" registrar and backup POP (here a registrar this test starts on
 * 127.0.180.1 and 127.0.181.1, standing in for a staging server), the latency toxic shows in the
 * REGISTER latency of the fault phase, and the rollback takes it off.
 */
class ExternalLinkFaultTest {

    private static final InetSocketAddress YOUR_REGISTRAR = new InetSocketAddress("127.0.180.1", 5060);
    private static final InetSocketAddress YOUR_BACKUP = new InetSocketAddress("127.0.181.1", 5060);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void theProxySitsBetweenTheHandsetsAndAnExternalRegistrar() throws Exception {
        Path runDir = tmp.resolve("run");
        try (EmbeddedTopology yours = new EmbeddedTopology(EmbeddedTopologyConfig.defaults().withAddresses(YOUR_REGISTRAR, YOUR_BACKUP))) {
            yours.start();
            CliCapture.Result run = DefaultDrillPorts.runWhenFree(Duration.ofMinutes(3), "run",
                    "src/test/resources/drills/external-latency.yaml", "--registrar", "127.0.180.1:5060",
                    "--backup", "127.0.181.1:5060", "--report", runDir.toString());
            Path summaryFile = runDir.resolve("summary.json");
            String summaryText = Files.isRegularFile(summaryFile) ? Files.readString(summaryFile) : "(no summary.json)";
            assertThat(run.exitCode()).as("exit code; stdout:%n%s%nstderr:%n%s%nsummary:%n%s", run.out(), run.err(), summaryText)
                    .isZero();
            assertThat(run.out()).contains("through the fault proxy");

            JsonNode s = JSON.readTree(summaryText);
            double baseline = s.at("/phases/baseline/register_latency_ms/p50").asDouble();
            double fault = s.at("/phases/fault/register_latency_ms/p50").asDouble();
            assertThat(fault).as("REGISTER p50 in the fault phase vs baseline %s ms; %s", baseline, summaryText)
                    .isGreaterThan(5 * baseline);
            assertThat(yours.primaryRegistrar().isRegistered("1000000")).as("registered at your registrar, through the proxy").isTrue();

            List<JournalEvent> events = JournalMapper.readAll(runDir.resolve("journal.jsonl"));
            assertThat(events).filteredOn(JournalEvent.FaultStep.class::isInstance).map(e -> (JournalEvent.FaultStep) e)
                    .extracting(e -> e.action() + " " + e.target()).contains("start handsets->registrar", "end handsets->registrar");
        }
    }
}
