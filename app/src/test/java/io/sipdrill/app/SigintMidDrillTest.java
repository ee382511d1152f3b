package io.sipdrill.app;

import io.sipdrill.chaos.drill.CallPlan;
import io.sipdrill.environments.CallRoles;
import io.sipdrill.environments.local.LocalTopologyConfig;
import io.sipdrill.load.journal.JournalEvent;
import io.sipdrill.load.journal.JournalMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The acceptance point "SIGINT in the middle of a drill: rollbacks run, no frozen or squeezed
 * process remains, the journal is closed and {@code sipdrill report JOURNAL} rebuilds the report",
 * with the real CLI in a child JVM on {@code --env local} (real Kamailio processes, calls on): once
 * the journal says pbx-1 is squeezed (cgroup v1 cpu) and backup-pbx-1 frozen, and the cgroups
 * really hold their Kamailio processes, the child gets SIGINT (Ctrl-C), not the SIGTERM
 * {@link Process#destroy()} sends. Runs on the default drill addresses, so it waits while another
 * run holds them.
 */
@Tag("kamailio")
class SigintMidDrillTest {

    /** Another drill (a colleague's test, a hand run) may hold the default addresses for a while. */
    private static final Duration PORT_WAIT = Duration.ofMinutes(10);
    /** Child JVM start, five Kamailio instances, Gatling's boot and 3 s of warm-up, on a loaded 2-core machine. */
    private static final Duration FAULTS_ON_WITHIN = Duration.ofMinutes(3);
    private static final Duration EXIT_WITHIN = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    private Path runDir;
    private Process child;

    @BeforeEach
    void needsKamailioAndCgroupV1() {
        ChildSipdrill.assumeKamailioAndCgroupV1(tmp, SigintMidDrillTest.class);
    }

    @Test
    void sigintMidDrillRevertsTheFaultsStopsKamailioAndLeavesAJournalTheReportRebuildsFrom() throws Exception {
        Path drill = Path.of(SigintMidDrillTest.class.getResource("/drills/sigint-squeeze-freeze.yaml").toURI());
        runDir = tmp.resolve("run").toAbsolutePath();
        Path journal = runDir.resolve("journal.jsonl");

        startWithBothFaultsOn(drill, journal);
        long pid = child.pid();

        // At that moment the squeeze and the freeze are really applied to pbx-1 and backup-pbx-1.
        List<Long> pbx1 = kamailioPids("pbx-1");
        assertThat(pbx1).as("pbx-1's Kamailio processes under %s", runDir).isNotEmpty();
        List<Path> squeezes = ChildSipdrill.groups(ChildSipdrill.CPU_GROUPS, "cpu-squeeze-pbx-1-", pid);
        assertThat(squeezes).as("cpu-squeeze-pbx-1-*-by%d under %s", pid, ChildSipdrill.CPU_GROUPS).hasSize(1);
        Path squeeze = squeezes.get(0);
        assertThat(ChildSipdrill.pids(squeeze.resolve("cgroup.procs"))).as("%s/cgroup.procs", squeeze).containsAll(pbx1);
        assertThat(Files.readString(squeeze.resolve("cpu.cfs_quota_us")).trim()).as("5%% of a %s us period",
                Files.readString(squeeze.resolve("cpu.cfs_period_us")).trim())
                .isEqualTo(Long.toString(Long.parseLong(Files.readString(squeeze.resolve("cpu.cfs_period_us")).trim()) / 20));
        List<Long> backupPbx1 = kamailioPids("backup-pbx-1");
        assertThat(backupPbx1).as("backup-pbx-1's Kamailio processes").isNotEmpty();
        String freezer = ChildSipdrill.faultStart(journal, "backup-pbx-1").detail();
        if (freezer.equals("cgroup v1 freezer")) {
            // The freezer's group is named by the fault and the root pid: freeze-<pid>-by<owner>.
            List<Path> frozen = ChildSipdrill.groups(ChildSipdrill.FREEZER_GROUPS, "freeze-", pid);
            assertThat(frozen).as("freeze-*-by%d under %s", pid, ChildSipdrill.FREEZER_GROUPS).hasSize(1);
            assertThat(ChildSipdrill.pids(frozen.get(0).resolve("cgroup.procs"))).containsAll(backupPbx1);
            assertThat(Files.readString(frozen.get(0).resolve("freezer.state")).trim()).isEqualTo("FROZEN");
        } else {
            assertThat(freezer).isEqualTo("SIGSTOP");
            assertThat(backupPbx1).allSatisfy(p -> assertThat(ChildSipdrill.state(p)).as("state of pid %d", p).isEqualTo("T"));
        }
        List<Long> kamailioWhileRunning = kamailioPids(null);

        // Ctrl-C.
        int kill = new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start().waitFor();
        assertThat(kill).as("kill -INT %d", pid).isZero();
        assertThat(child.waitFor(EXIT_WITHIN.toSeconds(), TimeUnit.SECONDS))
                .as("the CLI exits within %s of SIGINT; its output:%n%s", EXIT_WITHIN, log()).isTrue();
        System.out.println("sipdrill child exited " + child.exitValue() + " after SIGINT");

        // Nothing squeezed, frozen or running is left of that run.
        assertThat(ChildSipdrill.groups(ChildSipdrill.CPU_GROUPS, "", pid)).as("cpu groups of pid %d left; its output:%n%s", pid, log()).isEmpty();
        assertThat(ChildSipdrill.groups(ChildSipdrill.FREEZER_GROUPS, "", pid)).as("freezer groups of pid %d left; its output:%n%s", pid, log()).isEmpty();
        assertThat(kamailioWhileRunning).as("Kamailio mains and workers seen while running").hasSizeGreaterThanOrEqualTo(5);
        assertThat(ChildSipdrill.describe(kamailioPids(null))).as("Kamailio processes of the run (%s) left after SIGINT", runDir).isEmpty();
        assertThat(ChildSipdrill.describe(kamailioWhileRunning.stream().filter(p -> ProcessHandle.of(p).isPresent()).toList()))
                .as("pids that were the run's Kamailio still alive").isEmpty();

        // The journal: both faults reverted by the rollback, and the end line last, complete.
        List<JournalEvent> events = JournalMapper.readAll(journal);
        String overview = ChildSipdrill.overview(events);
        assertThat(events).filteredOn(JournalEvent.ActionStep.class::isInstance)
                .extracting(e -> ((JournalEvent.ActionStep) e).phase() + " " + ((JournalEvent.ActionStep) e).action()
                        + " " + ((JournalEvent.ActionStep) e).outcome())
                .as(overview)
                .containsExactly("method cpu-squeeze pbx-1 5% ok", "method freeze backup-pbx-1 ok", "rollback clear-faults ok");
        assertThat(events).filteredOn(JournalEvent.FaultStep.class::isInstance)
                .extracting(e -> ((JournalEvent.FaultStep) e).action() + " " + ((JournalEvent.FaultStep) e).target()
                        + " " + ((JournalEvent.FaultStep) e).detail())
                .as(overview)
                .containsExactlyInAnyOrder("start pbx-1 " + ChildSipdrill.faultStart(journal, "pbx-1").detail(), "start backup-pbx-1 " + freezer,
                        "end pbx-1 rollback", "end backup-pbx-1 rollback");
        JournalEvent last = events.get(events.size() - 1);
        assertThat(last).as("the journal's last event; %s", overview).isInstanceOfSatisfying(JournalEvent.DrillEnded.class,
                end -> assertThat(end.reason()).contains("interrupt"));
        String text = Files.readString(journal);
        assertThat(text).as("the journal ends with a complete line").endsWith("\n");
        assertThat(text.lines().reduce((a, b) -> b).orElse("")).as("the journal's last line")
                .contains("\"ev\":\"end\"");

        // The report rebuilt from the journal alone.
        Path rebuilt = tmp.resolve("rebuilt");
        CliCapture.Result report = CliCapture.execute("report", journal.toString(), "--out", rebuilt.toString());
        assertThat(report.exitCode()).as("report exit code (0 or 1, not bad input); stdout:%n%s%nstderr:%n%s",
                report.out(), report.err()).isIn(0, 1);
        assertThat(rebuilt.resolve("summary.json")).isRegularFile().isNotEmptyFile();
        assertThat(rebuilt.resolve("report.html")).isRegularFile().isNotEmptyFile();
    }

    /** Starts the CLI in a child JVM; returns once the journal has both faults started. Retries while the default addresses are busy. */
    private void startWithBothFaultsOn(Path drill, Path journal) throws Exception {
        long portDeadline = System.nanoTime() + PORT_WAIT.toNanos();
        while (true) {
            DefaultDrillPorts.waitUntilFree(defaultAddresses(), portDeadline);
            if (Files.exists(runDir)) {
                ChildSipdrill.deleteTree(runDir);
            }
            Files.createDirectories(tmp);
            child = ChildSipdrill.start(tmp.resolve("child.log"),
                    "run", drill.toString(), "--env", "local", "--handsets", "50", "--report", runDir.toString());
            long deadline = System.nanoTime() + FAULTS_ON_WITHIN.toNanos();
            while (System.nanoTime() < deadline) {
                if (Files.exists(journal) && ChildSipdrill.faultStarted(journal, "pbx-1") && ChildSipdrill.faultStarted(journal, "backup-pbx-1")) {
                    return;
                }
                if (!child.isAlive()) {
                    break;
                }
                Thread.sleep(200);
            }
            if (child.isAlive()) {
                fail("the faults did not start within %s; the CLI's output:%n%s", FAULTS_ON_WITHIN, log());
            }
            String log = log();
            if (log.contains("in use") && System.nanoTime() < portDeadline) {
                System.out.println("sipdrill test: a default address was taken before the drill started; trying again");
                Thread.sleep(5_000);
                continue;
            }
            fail("the CLI exited %d before the faults started; its output:%n%s", child.exitValue(), log);
        }
    }

    /** The registrars', PBXs', voicemails' and carrier's addresses a local drill with calls binds. */
    private static List<InetSocketAddress> defaultAddresses() {
        LocalTopologyConfig local = LocalTopologyConfig.defaults(Path.of("unused"));
        CallRoles roles = CallRoles.defaults(CallPlan.DEFAULT_CARRIER);
        List<InetSocketAddress> all = new ArrayList<>(List.of(local.primary(), local.backup(), CallPlan.DEFAULT_CARRIER,
                roles.primaryVoicemail(), roles.backupVoicemail()));
        all.addAll(roles.primaryPbxs());
        all.addAll(roles.backupPbxs());
        return all;
    }

    private List<Long> kamailioPids(String instance) {
        return ChildSipdrill.kamailioPids(runDir, instance);
    }

    private String log() {
        return ChildSipdrill.log(tmp.resolve("child.log"));
    }

    @AfterEach
    void cleanUp() throws Exception {
        ChildSipdrill.cleanUp(child, runDir);
    }
}
