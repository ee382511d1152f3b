package io.sipdrill.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.sipdrill.load.journal.JournalEvent;
import io.sipdrill.load.journal.JournalMapper;
import io.sipdrill.load.journal.JsonLinesJournal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.sipdrill.app.ChildSipdrill.CPU_GROUPS;
import static io.sipdrill.app.ChildSipdrill.FREEZER_GROUPS;
import static io.sipdrill.app.ChildSipdrill.alive;
import static io.sipdrill.app.ChildSipdrill.describe;
import static io.sipdrill.app.ChildSipdrill.faultStart;
import static io.sipdrill.app.ChildSipdrill.faultStarted;
import static io.sipdrill.app.ChildSipdrill.groups;
import static io.sipdrill.app.ChildSipdrill.kamailioPids;
import static io.sipdrill.app.ChildSipdrill.pids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.fail;

/**
 * The acceptance point "sipdrill dies: SIGKILL mid-drill: the journal loses at most the last
 * second; {@code sipdrill report JOURNAL --out DIR} rebuilds the report from it; a fresh
 * {@code sipdrill run} cleans up frozen/squeezed processes and cgroups left behind (and says so)",
 * with the real CLI in a child JVM on {@code --env local}: once the registrar is squeezed (cgroup
 * v1 cpu) and the backup POP frozen, the child gets {@code kill -9}. Nothing of sipdrill runs after
 * that, so the faults, the cgroups and both Kamailio instances outlive it, until the next run. On its
 * own addresses (127.0.230.1, 127.0.231.1, handsets from 127.0.232.1), so it never waits for another drill.
 */
@Tag("kamailio")
class SigkillMidDrillTest {

    private static final String POP_BLOCKS = "127.0.230,127.0.231";
    private static final String HANDSETS_FROM = "127.0.232.1";
    /** Child JVM start, two Kamailio instances, Gatling's boot and 3 s of warm-up, on a loaded 2-core machine. */
    private static final Duration FAULTS_ON_WITHIN = Duration.ofMinutes(3);
    /** The journal may lose the last second, plus what waits in its buffer. */
    private static final long MAY_LOSE_MS = 1_000 + JsonLinesJournal.MAX_UNFLUSHED_MS;

    @TempDir
    Path tmp;

    private Path runDir;
    private Process child;

    @BeforeEach
    void needsKamailioAndCgroupV1() {
        ChildSipdrill.assumeKamailioAndCgroupV1(tmp, SigkillMidDrillTest.class);
    }

    @Test
    void sigkillMidDrillLosesAtMostASecondTheReportSaysItDidNotEndAndTheNextRunCleansUp() throws Exception {
        runDir = tmp.resolve("run").toAbsolutePath();
        Path journal = runDir.resolve("journal.jsonl");
        Path log = tmp.resolve("child.log");
        child = ChildSipdrill.start(log, "run", drill("sigkill-squeeze-freeze.yaml"), "--env", "local",
                "--pop-blocks", POP_BLOCKS, "--handset-address", HANDSETS_FROM, "--report", runDir.toString());
        long pid = child.pid();
        awaitFaultsOn(journal, log);
        Thread.sleep(1_500); // well into the fault: handsets keep writing while it is on

        List<Path> squeezes = groups(CPU_GROUPS, "cpu-squeeze-registrar-", pid);
        assertThat(squeezes).as("cpu-squeeze-registrar-*-by%d under %s", pid, CPU_GROUPS).hasSize(1);
        assertThat(pids(squeezes.get(0).resolve("cgroup.procs"))).as("the squeezed group's processes")
                .containsAll(kamailioPids(runDir, "primary"));
        boolean freezerGroups = faultStart(journal, "backup").detail().equals("cgroup v1 freezer");

        // kill -9: no shutdown hook, no rollback, no end line.
        long killedAt = System.currentTimeMillis();
        int kill = new ProcessBuilder("kill", "-KILL", Long.toString(pid)).inheritIO().start().waitFor();
        assertThat(kill).as("kill -KILL %d", pid).isZero();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("the child is gone after SIGKILL").isTrue();
        System.out.println("sipdrill child exited " + child.exitValue() + " after SIGKILL");

        // (a) Every complete line parses, a torn last line is skipped, and at most the last second is lost.
        String text = Files.readString(journal);
        List<String> lines = new ArrayList<>(text.lines().filter(l -> !l.isBlank()).toList());
        boolean torn = !text.endsWith("\n");
        if (torn) {
            System.out.println("sipdrill test: the journal's last line is torn: " + lines.remove(lines.size() - 1));
        }
        long lastT = Long.MIN_VALUE;
        JournalEvent.DrillStarted started = null;
        for (String line : lines) {
            JournalEvent e = JournalMapper.shared().readValue(line, JournalEvent.class);
            assertThat(e).as("journal line %s", line).isNotNull();
            lastT = Math.max(lastT, e.t());
            if (e instanceof JournalEvent.DrillStarted s) {
                started = s;
            }
            assertThat(e).as("a killed run writes no end line").isNotInstanceOf(JournalEvent.DrillEnded.class);
        }
        assertThat(started).as("the journal's drill line").isNotNull();
        long killDrillMs = killedAt - started.startedAtMs();
        System.out.printf("sipdrill test: killed at drill t=%d ms; the journal's last complete event at t=%d ms"
                + " (lost %d ms); %d complete lines, last line torn: %s%n", killDrillMs, lastT, killDrillMs - lastT,
                lines.size(), torn);
        assertThat(lastT).as("the journal's latest event (drill ms) vs the kill at drill t=%d ms", killDrillMs)
                .isGreaterThanOrEqualTo(killDrillMs - MAY_LOSE_MS);
        assertThatCode(() -> JournalMapper.readAll(journal)).as("the reader tolerates the journal's end").doesNotThrowAnyException();
        assertThat(JournalMapper.readAll(journal)).as("events the reader returns").hasSize(lines.size());

        // (b) The report, rebuilt from the journal alone, says the run did not end.
        Path rebuilt = tmp.resolve("rebuilt");
        CliCapture.Result report = CliCapture.execute("report", journal.toString(), "--out", rebuilt.toString());
        assertThat(report.exitCode()).as("report exit code; stdout:%n%s%nstderr:%n%s", report.out(), report.err()).isZero();
        assertThat(report.out()).as("the report command's output").contains("sipdrill: the run did not end");
        JsonNode summary = JournalMapper.shared().readTree(rebuilt.resolve("summary.json").toFile());
        assertThat(summary.get("completed").asBoolean()).as("summary.json completed").isFalse();
        assertThat(summary.get("ended").isNull()).as("summary.json ended: no end reason").isTrue();
        assertThat(summary.get("cut_off").asText()).as("summary.json cut_off")
                .contains("did not end", "ends at t=", "cpu-squeeze on registrar", "freeze on backup");
        assertThat(Files.readString(rebuilt.resolve("report.html"))).as("report.html")
                .contains("This run did not end (interrupted or killed");

        // (c) What the dead run left: its Kamailio instances (holding the addresses) and its cgroups.
        List<Long> orphans = alive(kamailioPids(runDir, null));
        assertThat(alive(kamailioPids(runDir, "primary"))).as("the primary's Kamailio outlives the killed run").isNotEmpty();
        assertThat(alive(kamailioPids(runDir, "backup"))).as("the backup's Kamailio outlives the killed run").isNotEmpty();
        assertThat(groups(CPU_GROUPS, "", pid)).as("the dead run's cpu group").isNotEmpty();
        if (freezerGroups) {
            assertThat(groups(FREEZER_GROUPS, "", pid)).as("the dead run's freezer group").isNotEmpty();
        }

        // A fresh run on the same addresses cleans up first, says so, and runs.
        CliCapture.Result next = CliCapture.execute(true, "run", drill("sigkill-aftermath.yaml"), "--env", "local",
                "--pop-blocks", POP_BLOCKS, "--handset-address", HANDSETS_FROM, "--report", tmp.resolve("next").toString());
        assertThat(next.exitCode()).as("the fresh run's exit code; stdout:%n%s%nstderr:%n%s", next.out(), next.err()).isZero();
        assertThat(next.out()).as("the fresh run says what it cleaned up")
                .contains("sipdrill: released the cpu of a leftover from an earlier run: cpu-squeeze-registrar-")
                .contains("sipdrill: stopped a leftover from an earlier run: kamailio kamailio-primary")
                .contains("sipdrill: stopped a leftover from an earlier run: kamailio kamailio-backup")
                .contains("whose sipdrill (pid " + pid + ") is gone");
        if (freezerGroups) {
            assertThat(next.out()).contains("sipdrill: thawed a leftover from an earlier run: freeze-");
        }
        assertThat(groups(CPU_GROUPS, "", pid)).as("cpu groups of the dead run after the fresh run").isEmpty();
        assertThat(groups(FREEZER_GROUPS, "", pid)).as("freezer groups of the dead run after the fresh run").isEmpty();
        assertThat(describe(alive(orphans))).as("the dead run's Kamailio processes after the fresh run").isEmpty();
        assertThat(describe(alive(kamailioPids(runDir, null)))).as("any Kamailio of the dead run's folder").isEmpty();
    }

    private static String drill(String name) throws Exception {
        return Path.of(SigkillMidDrillTest.class.getResource("/drills/" + name).toURI()).toString();
    }

    /** Returns once the journal has the squeeze and the freeze started. */
    private void awaitFaultsOn(Path journal, Path log) throws InterruptedException {
        long deadline = System.nanoTime() + FAULTS_ON_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (faultStarted(journal, "registrar") && faultStarted(journal, "backup")) {
                return;
            }
            if (!child.isAlive()) {
                fail("the CLI exited %d before the faults started; its output:%n%s", child.exitValue(), ChildSipdrill.log(log));
            }
            Thread.sleep(200);
        }
        fail("the faults did not start within %s; the CLI's output:%n%s", FAULTS_ON_WITHIN, ChildSipdrill.log(log));
    }

    @AfterEach
    void cleanUp() throws Exception {
        ChildSipdrill.cleanUp(child, runDir);
    }
}
