package io.sipdrill.environments.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import io.sipdrill.chaos.drill.DrillPlan;
import io.sipdrill.chaos.drill.DrillProgress;
import io.sipdrill.chaos.drill.DrillRunner;
import io.sipdrill.chaos.drill.DrillTarget;
import io.sipdrill.chaos.drill.gatling.GatlingDrillLoad;
import io.sipdrill.chaos.fault.Fault;
import io.sipdrill.environments.RegistrarOutageVerdicts;
import io.sipdrill.environments.local.SipOptionsProbe;
import io.sipdrill.load.handset.FailbackMode;
import io.sipdrill.load.handset.PopulationMix;
import io.sipdrill.load.journal.JournalMapper;
import io.sipdrill.load.journal.JsonLinesJournal;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The registrar-outage drill of {@code KamailioFailoverDrillTest} on containers, with the same
 * verdicts: 40 handsets register on the primary container, the container is paused (docker
 * pause: the cgroup freezer, socket kept, silent), the handsets time out, retransmit and fail over
 * to the backup container, the primary is unpaused and they fail back. Time scale 60: about 30 s.
 * Everything is judged from the journal the runner wrote.
 */
@Tag("docker")
class DockerFailoverDrillTest {

    /** Test-only addresses, clear of a real run on 127.0.1.1/127.0.2.1 and of the other docker tests. */
    private static final InetSocketAddress PRIMARY = new InetSocketAddress("127.0.197.1", 5060);
    private static final InetSocketAddress BACKUP = new InetSocketAddress("127.0.197.2", 5060);
    private static final int HANDSETS = 40;
    private static final double TIME_SCALE = 60;

    @RegisterExtension
    static DockerTopologyExtension docker = DockerTopologyExtension.onBlocks("127.0.197", "127.0.197")
            .configured(config -> config.withAddresses(PRIMARY, BACKUP));

    @TempDir
    Path tmp;

    @Test
    void handsetsFailOverToTheBackupWhileThePrimaryIsPausedAndComeBackAfter() throws Exception {
        Path runDir = tmp.resolve("run").toAbsolutePath();
        Path journalFile = tmp.resolve("journal.jsonl");
        DrillPlan plan = new DrillPlan("docker-failover-it", HANDSETS, TIME_SCALE,
                new PopulationMix(List.of(new PopulationMix.Share(1.0, FailbackMode.REGISTRATION, Duration.ZERO))),
                Duration.ofMinutes(1), Duration.ofMinutes(10), 2, Duration.ofSeconds(10),
                Duration.ofMinutes(3), Duration.ofMinutes(15), Duration.ofMinutes(30), Map.of());

        DrillRunner.Ending ending;
        DockerTopology topology = docker.topology();
        Fault outage = topology.registrarOutage();
        String freezer = outage.detail();
        DrillTarget target = new DrillTarget("docker", PRIMARY, BACKUP, docker.config().realm(), Optional.of(outage));
        try (JsonLinesJournal journal = new JsonLinesJournal(journalFile)) {
            ending = new DrillRunner(plan, target, journal, DrillProgress.silent(), new GatlingDrillLoad(runDir.resolve("gatling"))).run();
        }
        topology.collectLogs(tmp.resolve("logs"));
        // (f) the rollback left the primary's container running, unpaused and answering.
        DockerClient client = DockerClientFactory.instance().client();
        InspectContainerResponse.ContainerState state = client.inspectContainerCmd(topology.containerId("registrar").orElseThrow())
                .exec().getState();
        assertThat(state.getRunning()).as("registrar container running after the drill").isTrue();
        assertThat(state.getPaused()).as("registrar container paused after the drill").isFalse();
        assertThat(new SipOptionsProbe(Duration.ofMillis(500)).probe(PRIMARY)).as("primary OPTIONS after the drill").hasValue(200);
        assertThat(tmp.resolve("logs/docker-registrar.log")).exists();

        assertThat(ending).isEqualTo(DrillRunner.Ending.COMPLETED);
        // A container's unpause is an API round trip: failbacks answered during it count from the edge before the end step.
        RegistrarOutageVerdicts.check(JournalMapper.readAll(journalFile), HANDSETS, freezer, RegistrarOutageVerdicts.EDGE_MS);
        assertThat(freezer).as("how the primary was frozen").contains("pause");
    }
}
