package io.sipdrill.environments.local;

import io.sipdrill.chaos.drill.DrillPlan;
import io.sipdrill.chaos.drill.DrillProgress;
import io.sipdrill.chaos.drill.DrillRunner;
import io.sipdrill.chaos.drill.DrillTarget;
import io.sipdrill.chaos.fault.Fault;
import io.sipdrill.environments.RegistrarOutageVerdicts;
import io.sipdrill.load.handset.FailbackMode;
import io.sipdrill.load.handset.PopulationMix;
import io.sipdrill.load.journal.JournalMapper;
import io.sipdrill.load.journal.JsonLinesJournal;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A whole drill in real time against two real Kamailio instances: 40 handsets register on the
 * primary, the primary's process tree is frozen, the handsets time out, retransmit and fail over
 * to the backup, the primary is thawed and they fail back. Time scale 60: the 30-minute drill
 * takes about 30 s. Everything is judged from the journal the runner wrote.
 */
@Tag("kamailio")
class KamailioFailoverDrillTest {

    /** Test-only addresses, clear of a real run on 127.0.1.1/127.0.2.1 and of the other tests. */
    private static final InetSocketAddress PRIMARY = new InetSocketAddress("127.0.41.1", 5060);
    private static final InetSocketAddress BACKUP = new InetSocketAddress("127.0.42.1", 5060);
    private static final int HANDSETS = 40;
    private static final double TIME_SCALE = 60;
    private static final Set<String> FREEZERS = Set.of("cgroup v1 freezer", "SIGSTOP");
    /** Drill ms around the fault steps where a response already on its way may still land. */
    private static final long EDGE_MS = 300;

    @TempDir
    Path tmp;

    @Test
    void handsetsFailOverToTheBackupWhileThePrimaryIsFrozenAndComeBackAfter() throws Exception {
        Path runDir = tmp.resolve("run").toAbsolutePath();
        Path journalFile = tmp.resolve("journal.jsonl");
        DrillPlan plan = new DrillPlan("kamailio-failover-it", HANDSETS, TIME_SCALE,
                new PopulationMix(List.of(new PopulationMix.Share(1.0, FailbackMode.REGISTRATION, Duration.ZERO))),
                Duration.ofMinutes(1), Duration.ofMinutes(10), 2, Duration.ofSeconds(10),
                Duration.ofMinutes(3), Duration.ofMinutes(15), Duration.ofMinutes(30), Map.of());

        DrillRunner.Ending ending;
        String freezer;
        List<Long> kamailioPidsWhileRunning;
        LocalTopologyConfig config = LocalTopologyConfig.defaults(runDir).withAddresses(PRIMARY, BACKUP);
        try (LocalTopology topology = new LocalTopology(config)) {
            topology.start();
            kamailioPidsWhileRunning = kamailioPidsUnder(runDir);
            Fault outage = topology.registrarOutage();
            freezer = outage.detail();
            DrillTarget target = new DrillTarget("local", PRIMARY, BACKUP, config.realm(), Optional.of(outage));
            try (JsonLinesJournal journal = new JsonLinesJournal(journalFile)) {
                ending = new DrillRunner(plan, target, journal, DrillProgress.silent(), new io.sipdrill.chaos.drill.gatling.GatlingDrillLoad(runDir.resolve("gatling"))).run();
            }
            topology.collectLogs(tmp.resolve("logs"));
        }
        // (f) close() left nothing of ours running, frozen or not.
        assertThat(kamailioPidsWhileRunning).as("kamailio mains and workers seen under %s while running", runDir)
                .hasSizeGreaterThanOrEqualTo(4);
        assertThat(kamailioPidsUnder(runDir)).as("kamailio processes left after close()").isEmpty();
        assertThat(ourFreezerGroups()).as("freezer cgroups left by this JVM").isEmpty();

        assertThat(ending).isEqualTo(DrillRunner.Ending.COMPLETED);
        RegistrarOutageVerdicts.check(JournalMapper.readAll(journalFile), HANDSETS, freezer, 0);
        assertThat(freezer).as("how the primary was frozen").isIn(FREEZERS);
    }

    /** Live processes (zombies have no command line) running kamailio with a path under {@code dir}. */
    private static List<Long> kamailioPidsUnder(Path dir) throws IOException {
        String needle = dir.toString();
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path proc : procs) {
                String cmdline;
                try {
                    cmdline = new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
                } catch (IOException gone) {
                    continue;
                }
                if (cmdline.contains("kamailio") && cmdline.contains(needle)) {
                    pids.add(Long.parseLong(proc.getFileName().toString()));
                }
            }
        }
        return pids;
    }

    /** Freezer groups this JVM created (named {@code …-by<pid>}) that still exist. */
    private static List<Path> ourFreezerGroups() throws IOException {
        Path parent = Path.of("/sys/fs/cgroup/freezer/sipdrill");
        if (!Files.isDirectory(parent)) {
            return List.of();
        }
        String mark = "-by" + ProcessHandle.current().pid();
        try (var groups = Files.list(parent)) {
            return groups.filter(Files::isDirectory).filter(g -> g.getFileName().toString().endsWith(mark)).toList();
        }
    }
}
