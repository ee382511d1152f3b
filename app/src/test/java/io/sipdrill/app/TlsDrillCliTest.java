package io.sipdrill.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sipdrill.load.journal.JournalEvent;
import io.sipdrill.load.journal.JournalMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code sipdrill run} with handsets on TLS: a drill file saying {@code transport: tls} plays end to
 * end on the embedded topology (on this test's own blocks, {@code --pop-blocks}), and what cannot
 * run over TLS is bad input (exit 2, one line) before anything starts.
 */
class TlsDrillCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The built-in registrar outage as a file, registering over TLS, shortened to 30 real minutes. */
    private static final String OUTAGE_OVER_TLS = """
            title: Registrar outage over TLS
            time-scale: 60
            population:
              handsets: 40
              mix: [{share: 100%, failback: registration}]
              register: {expires: 10m, transport: tls, failover-after: 2, retry-delay: 10s}
            warm-up: 3m
            method:
              - {at: 0m, action: freeze, target: registrar}
              - {at: 15m, action: clear-faults}
              - {at: 27m, action: end}
            slo:
              reached-backup: {min: 90%}
              returned-primary: {min: 90%}
            """;

    @TempDir
    Path tmp;

    @Test
    void aDrillFileOverTlsRunsOnTheEmbeddedTopology() throws Exception {
        Path drill = tmp.resolve("outage-tls.yaml");
        Files.writeString(drill, OUTAGE_OVER_TLS);
        Path runDir = tmp.resolve("run");
        CliCapture.Result run = CliCapture.execute(true, "run", drill.toString(), "--pop-blocks", "127.0.34,127.0.33",
                "--handset-address", "127.0.34.21", "--report", runDir.toString());

        Path summaryFile = runDir.resolve("summary.json");
        String summary = Files.isRegularFile(summaryFile) ? Files.readString(summaryFile) : "(no summary.json)";
        assertThat(run.exitCode()).as("exit code; stderr:%n%s%nsummary.json:%n%s", run.err(), summary).isZero();
        assertThat(run.out()).as("where the handsets register")
                .contains("handsets register over TLS to 127.0.34.1:5061 and 127.0.33.1:5061");
        JsonNode s = JSON.readTree(summary);
        assertThat(s.get("reached_backup_pct").asDouble()).as(summary).isGreaterThanOrEqualTo(90.0);
        assertThat(s.get("returned_primary_pct").asDouble()).as(summary).isGreaterThanOrEqualTo(90.0);
        List<JournalEvent> events = JournalMapper.readAll(runDir.resolve("journal.jsonl"));
        assertThat(events).as("transactions journaled").anyMatch(JournalEvent.Transaction.class::isInstance);
        assertThat(events).as("no retransmission over TLS").noneMatch(JournalEvent.Retransmission.class::isInstance);
        assertThat(runDir.resolve("tls").resolve("primary.p12")).as("the primary's key store from the run's CA").isRegularFile();
    }

    @Test
    void whatCannotRunOverTlsIsBadInput() throws Exception {
        assertThat(badInput("run", "registrar-outage", "--transport", "tcp").err()).contains("--transport tcp: use udp or tls");
        assertThat(badInput("run", "call-load", "--transport", "tls").err()).contains("calls over tls are not supported yet");
        assertThat(badInput("run", "--transport", "tls").err()).as("the default drill, the June incident, has calls")
                .contains("registrar-overload: calls over tls are not supported yet");
        assertThat(badInput("run", "registrar-outage", "--env", "docker", "--transport", "tls").err())
                .contains("the docker topology does not take SIP over TLS yet");
        assertThat(badInput("run", "registrar-outage", "--transport", "tls", "--registrar", "127.0.34.1:5061", "--backup", "127.0.33.1:5061").err())
                .contains("needs --trust CA.pem");
        assertThat(badInput("run", "registrar-outage", "--trust", tmp.resolve("ca.pem").toString()).err())
                .contains("--trust goes with --env external and --transport tls");

        Path withCalls = tmp.resolve("tls-calls.yaml");
        Files.writeString(withCalls, OUTAGE_OVER_TLS.replace("  register:",
                "  calls: {inbound-ddi-per-second: 1}\n  register:"));
        assertThat(badInput("run", withCalls.toString()).err()).isEqualTo("sipdrill: error: " + withCalls
                + ":7: population.register.transport: tls goes with registrations only: calls over tls are not supported yet"
                + " (drop population.calls or register over udp)\n");
    }

    private static CliCapture.Result badInput(String... args) {
        CliCapture.Result r = CliCapture.execute(args);
        assertThat(r.exitCode()).as("exit code of %s; stderr:%n%s", List.of(args), r.err()).isEqualTo(2);
        assertThat(r.err().lines().toList()).as("stderr of %s", List.of(args)).hasSize(1);
        return r;
    }
}
