package io.sipdrill.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sipdrill.load.journal.JournalEvent;
import io.sipdrill.load.journal.JournalMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drill files end to end through the CLI on the embedded topology at the default drill addresses
 * (registrars 127.0.1.1/127.0.2.1, PBXs, voicemail, carrier 127.0.4.1), waiting while another
 * drill holds them.
 */
class DrillFileEndToEndTest {

    private static final Duration PORT_WAIT = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /**
     * A drill file with freeze target: registrar (the embedded outage) and a DDI switch: handsets fail
     * over, DDIs follow them, the summary shows the failover; the gate and the steps are journaled.
     */
    @Test
    void anOutageWithADdiSwitchFailsOverAndSaysSo() throws Exception {
        Path runDir = tmp.resolve("run");
        CliCapture.Result run = DefaultDrillPorts.runWhenFree(PORT_WAIT, "run", "src/test/resources/drills/outage-ddi.yaml",
                "--report", runDir.toString());

        String summaryText = summary(runDir);
        assertThat(run.exitCode()).as("exit code; stderr:%n%s%nsummary.json:%n%s", run.err(), summaryText).isZero();
        JsonNode summary = JSON.readTree(summaryText);
        assertThat(summary.get("reached_backup_pct").asDouble()).as(summaryText).isGreaterThan(90.0);
        assertThat(summary.at("/failover/t50_s").isNumber()).as(summaryText).isTrue();
        assertThat(summary.get("t0_s").asDouble()).as("t0 is the freeze at the end of the 30 s warm-up").isBetween(29.0, 33.0);
        assertThat(run.out()).contains("steady state before registered-anywhere").contains("ok");

        List<JournalEvent> events = JournalMapper.readAll(runDir.resolve("journal.jsonl"));
        assertThat(events).filteredOn(JournalEvent.SteadyState.class::isInstance)
                .extracting(e -> ((JournalEvent.SteadyState) e).when() + " " + ((JournalEvent.SteadyState) e).met())
                .containsExactly("before true", "after true");
        assertThat(events).filteredOn(JournalEvent.DdiRoute.class::isInstance)
                .extracting(e -> ((JournalEvent.DdiRoute) e).to())
                .containsExactly(JournalEvent.Pop.BACKUP, JournalEvent.Pop.PRIMARY); // the switch, then the rollback
        assertThat(events).filteredOn(JournalEvent.FaultStep.class::isInstance)
                .extracting(e -> ((JournalEvent.FaultStep) e).action() + " " + ((JournalEvent.FaultStep) e).detail())
                .containsExactly("start capacity 0", "end rollback");
        assertThat(events.get(events.size() - 1)).isEqualTo(new JournalEvent.DrillEnded(events.get(events.size() - 1).t(), "completed"));
    }

    private static String summary(Path runDir) throws java.io.IOException {
        Path f = runDir.resolve("summary.json");
        return Files.isRegularFile(f) ? Files.readString(f) : "(no summary.json)";
    }
}
