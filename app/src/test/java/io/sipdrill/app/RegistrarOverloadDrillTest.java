package io.sipdrill.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sipdrill.load.journal.JournalEvent;
import io.sipdrill.load.journal.JournalMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * drills/registrar-overload.yaml, the June incident, through the CLI on both topologies: a CPU
 * squeeze on pbx-1, a registrar slower than Timer F behind the fault proxy, the PBX cluster
 * restarted in two halves, DDIs to the backup and back, the registrar restarted. What the issue
 * asks of it: failover T50 within 10 minutes, inbound calls landing through the backup after the
 * switch, the restart, a {@code never} share stuck on the backup, amplification per phase. About
 * two minutes each, on the default drill addresses.
 */
class RegistrarOverloadDrillTest {

    private static final Duration PORT_WAIT = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** {@code run} with no drill plays this one, from the drills/ folder the jar carries. */
    @Test
    void theJuneIncidentOnTheEmbeddedTopologyIsTheDefaultDrill() throws Exception {
        replay("embedded");
    }

    @Test
    @Tag("kamailio")
    void theJuneIncidentOnKamailio() throws Exception {
        replay("local", "../drills/registrar-overload.yaml");
    }

    private void replay(String env, String... drill) throws Exception {
        Path runDir = tmp.resolve("run-" + env);
        List<String> args = new java.util.ArrayList<>(List.of("run"));
        args.addAll(List.of(drill));
        args.addAll(List.of("--env", env, "--handsets", "300", "--report", runDir.toString()));
        CliCapture.Result run = DefaultDrillPorts.runWhenFree(PORT_WAIT, args.toArray(new String[0]));
        Path summaryFile = runDir.resolve("summary.json");
        String summaryText = Files.isRegularFile(summaryFile) ? Files.readString(summaryFile) : "(no summary.json)";
        assertThat(run.exitCode()).as("exit code; stdout:%n%s%nstderr:%n%s%nsummary.json:%n%s", run.out(), run.err(), summaryText)
                .isZero();

        JsonNode s = JSON.readTree(summaryText);
        assertThat(s.at("/failover/t50_s").asDouble()).as("failover T50, real-equivalent s").isPositive().isLessThanOrEqualTo(600);
        assertThat(s.get("stuck_on_backup").asInt()).as("the never share stays on the backup").isPositive();
        assertThat(s.at("/phases/fault/retransmission_amplification").asDouble()).as("amplification in the fault phase")
                .isGreaterThan(s.at("/phases/baseline/retransmission_amplification").asDouble());
        JsonNode toBackup = s.at("/calls/ddi_switches/0");
        assertThat(toBackup.get("to").asText()).isEqualTo("backup");
        assertThat(toBackup.at("/inbound_after/attempted").asInt()).as("inbound calls after the switch").isPositive();
        assertThat(toBackup.at("/inbound_after/answered_pct").asDouble()).as("they land through the backup").isGreaterThanOrEqualTo(90);

        List<JournalEvent> events = JournalMapper.readAll(runDir.resolve("journal.jsonl"));
        assertThat(events).filteredOn(JournalEvent.ActionStep.class::isInstance).map(e -> (JournalEvent.ActionStep) e)
                .filteredOn(step -> step.outcome().equals("ok"))
                .extracting(JournalEvent.ActionStep::action)
                .contains("cpu-squeeze pbx-1 5%", "restart pbx-2", "ddi-route backup", "restart registrar", "ddi-route primary");
        assertThat(events).filteredOn(JournalEvent.FaultStep.class::isInstance).map(e -> (JournalEvent.FaultStep) e)
                .extracting(JournalEvent.FaultStep::action).contains("start", "end");
    }
}
