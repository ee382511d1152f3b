package io.sipdrill.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.sipdrill.chaos.drill.DrillRunner;
import io.sipdrill.environments.local.LocalTopologyConfig;
import io.sipdrill.load.journal.JournalEvent;
import io.sipdrill.load.journal.JournalMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.sipdrill.app.ChildSipdrill.kamailioPids;
import static io.sipdrill.app.ChildSipdrill.overview;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The acceptance point "target dies: Kamailio killed with SIGKILL mid-drill and restarted: the
 * drill continues, the report covers the dark period correctly". The CLI runs
 * {@code drills/kamailio-killed.yaml} in a child JVM on {@code --env local}; once every handset is
 * registered on the primary, this test (not sipdrill) SIGKILLs the primary's Kamailio, main and
 * workers, as a crash or an operator would. The drill's {@code restart registrar} step brings it
 * back. On its own addresses (127.0.233.1, 127.0.234.1, handsets from 127.0.235.1).
 */
@Tag("kamailio")
class KamailioKilledMidDrillTest {

    private static final int HANDSETS = 200;
    private static final Duration REGISTERED_WITHIN = Duration.ofMinutes(3);
    private static final Duration ENDS_WITHIN = Duration.ofMinutes(3);

    @TempDir
    Path tmp;

    private Path runDir;
    private Process child;

    @Test
    void aRegistrarKilledBehindTheDrillsBackIsADarkPeriodTheReportMeasuresAndTheRestartEnds() throws Exception {
        Path kamailio = LocalTopologyConfig.defaults(tmp).kamailio();
        assumeTrue(Files.isExecutable(kamailio), "no Kamailio at " + kamailio + " (apt-get install kamailio)");
        runDir = tmp.resolve("run").toAbsolutePath();
        Path journal = runDir.resolve("journal.jsonl");
        Path log = tmp.resolve("child.log");
        String drill = Path.of(KamailioKilledMidDrillTest.class.getResource("/drills/kamailio-killed.yaml").toURI()).toString();
        child = ChildSipdrill.start(log, "run", drill, "--env", "local", "--pop-blocks", "127.0.233,127.0.234",
                "--handset-address", "127.0.235.1", "--report", runDir.toString());
        awaitAllOnPrimary(journal, log);

        // SIGKILL from outside: the primary's main process and every worker, at once.
        List<Long> primary = kamailioPids(runDir, "primary");
        assertThat(primary).as("the primary's Kamailio processes (main and workers)").hasSizeGreaterThanOrEqualTo(2);
        primary.forEach(p -> ProcessHandle.of(p).ifPresent(ProcessHandle::destroyForcibly));
        System.out.println("sipdrill test: SIGKILL to the primary registrar's Kamailio " + primary);

        assertThat(child.waitFor(ENDS_WITHIN.toSeconds(), TimeUnit.SECONDS))
                .as("the drill runs to its end; its output:%n%s", ChildSipdrill.log(log)).isTrue();
        assertThat(child.exitValue()).as("a verdict (0 or 1), not bad input or a crash; output:%n%s", ChildSipdrill.log(log))
                .isIn(0, 1);

        // The journal: the death as a window of its own, closed by the restart; the drill completed.
        List<JournalEvent> events = JournalMapper.readAll(journal);
        String overview = overview(events);
        JournalEvent.FaultStep died = faultStep(events, "start", overview);
        JournalEvent.FaultStep back = faultStep(events, "end", overview);
        assertThat(died.target() + " " + died.detail()).as(overview).isEqualTo("registrar killed by SIGKILL");
        assertThat(back.target() + " " + back.detail()).as(overview).isEqualTo("registrar restarted");
        assertThat(events).filteredOn(JournalEvent.ActionStep.class::isInstance)
                .extracting(e -> ((JournalEvent.ActionStep) e).action() + " " + ((JournalEvent.ActionStep) e).outcome())
                .as(overview).contains("restart registrar ok");
        assertThat(events.get(events.size() - 1)).as(overview).isInstanceOfSatisfying(JournalEvent.DrillEnded.class,
                end -> assertThat(end.reason()).isEqualTo("completed"));

        // While dark: REGISTERs to the primary time out and handsets register on the backup.
        assertThat(events).filteredOn(e -> e instanceof JournalEvent.Transaction t && t.pop() == JournalEvent.Pop.PRIMARY
                        && "timeout".equals(t.outcome()) && t.t() > died.t() && t.t() <= back.t())
                .as("REGISTER timeouts on the primary while it was dead; %s", overview).isNotEmpty();
        assertThat(events).filteredOn(e -> e instanceof JournalEvent.HandsetState h && h.pop() == JournalEvent.Pop.BACKUP
                        && "registered".equals(h.state()) && h.t() > died.t() && h.t() <= back.t())
                .as("handsets registered on the backup while the primary was dead").isNotEmpty();
        // After the restart: registrations on the primary again.
        assertThat(events).filteredOn(e -> e instanceof JournalEvent.HandsetState h && h.pop() == JournalEvent.Pop.PRIMARY
                        && "registered".equals(h.state()) && h.t() > back.t())
                .as("handsets registered on the primary after the restart").isNotEmpty();

        // The report measures the dark period like an injected fault: t0 at the death, tR at the restart.
        JsonNode summary = JournalMapper.shared().readTree(runDir.resolve("summary.json").toFile());
        System.out.println("sipdrill test: summary " + summary);
        double scale = summary.get("time_scale").asDouble();
        assertThat(summary.get("t0_s").asDouble()).as("t0 (real-equivalent s) at the death")
                .isCloseTo(died.t() / 1000.0 * scale, org.assertj.core.data.Offset.offset(0.1));
        assertThat(summary.get("tR_s").asDouble()).as("tR at the restart")
                .isCloseTo(back.t() / 1000.0 * scale, org.assertj.core.data.Offset.offset(0.1));
        assertThat(summary.get("population").asInt()).as("handsets registered at the death").isEqualTo(HANDSETS);
        assertThat(summary.get("detection_s").isNumber()).as("detection measured").isTrue();
        assertThat(summary.get("failover").get("t50_s").isNumber()).as("failover T50 measured").isTrue();
        assertThat(summary.get("failover").get("t50_s").asDouble()).as("failover T50 within the dark period")
                .isLessThanOrEqualTo(summary.get("tR_s").asDouble() - summary.get("t0_s").asDouble());
        assertThat(summary.get("returned_primary_pct").asDouble()).as("handsets back on the primary").isPositive();
        assertThat(summary.get("dark_handset_seconds").isNumber()).as("dark handset-seconds counted").isTrue();
        assertThat(summary.get("completed").asBoolean()).as("completed").isTrue();
        assertThat(Files.readString(runDir.resolve("report.html"))).as("report.html names the window")
                .contains(DrillRunner.DIED);
    }

    private static JournalEvent.FaultStep faultStep(List<JournalEvent> events, String action, String overview) {
        List<JournalEvent.FaultStep> steps = events.stream().filter(JournalEvent.FaultStep.class::isInstance)
                .map(JournalEvent.FaultStep.class::cast)
                .filter(f -> f.action().equals(action) && f.name().equals(DrillRunner.DIED)).toList();
        assertThat(steps).as("fault %s %s; %s", action, DrillRunner.DIED, overview).hasSize(1);
        return steps.get(0);
    }

    /** Returns once a timeline sample counts every handset on the primary. */
    private void awaitAllOnPrimary(Path journal, Path log) throws InterruptedException {
        long deadline = System.nanoTime() + REGISTERED_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(journal) && JournalMapper.readAll(journal).stream()
                    .anyMatch(e -> e instanceof JournalEvent.TimelineSample s && s.primary() == HANDSETS)) {
                return;
            }
            if (!child.isAlive()) {
                fail("the CLI exited %d before every handset registered; its output:%n%s", child.exitValue(), ChildSipdrill.log(log));
            }
            Thread.sleep(200);
        }
        fail("not every handset registered on the primary within %s; output:%n%s", REGISTERED_WITHIN, ChildSipdrill.log(log));
    }

    @AfterEach
    void cleanUp() throws Exception {
        ChildSipdrill.cleanUp(child, runDir);
    }
}
