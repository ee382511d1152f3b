package io.sipdrill.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.HostConfig;
import io.sipdrill.environments.docker.ComposeProject;
import io.sipdrill.load.journal.JournalEvent;
import io.sipdrill.load.journal.JournalMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What the README documents for Docker: {@code docker-compose -f environments/docker/compose.yaml
 * up -d}, then {@code sipdrill run … --env docker} on that stack (its containers, its fault-proxy
 * for the handsets' links), on the compose file's default addresses. The June incident replays
 * with the verdicts it has on embedded; the docker-java CPU squeeze (with a CPU burner inside) on
 * the PBX container shows in the report as the fault phase's PDD, and is gone afterwards. The stack
 * runs on after each drill, clean.
 */
@Tag("docker")
class DockerComposeDrillTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static ComposeProject stack;

    @TempDir
    Path tmp;

    @BeforeAll
    static void composeUp() throws Exception {
        assumeTrue(dockerAnswers(), "no Docker daemon answers: the docker topology's CLI tests need one");
        TestImages.build();
        stack = ComposeProject.up("sipdrill-apptest", Map.of("SIPDRILL_TAG", TestImages.TAG));
        stack.awaitHealthy(Duration.ofMinutes(3));
    }

    @AfterAll
    static void composeDown() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    /**
     * Two minutes of the June incident at full length, the third replay beside embedded and Kamailio
     * ({@link RegistrarOverloadDrillTest}): {@code -Plong}. By default the CLI on the compose stack is the
     * PBX squeeze below, and the docker topology's drill is {@code DockerFailoverDrillTest}.
     */
    @Test
    @Tag("long")
    void theJuneIncidentOnTheComposeStack() throws Exception {
        Path runDir = tmp.resolve("overload");
        CliCapture.Result run = CliCapture.execute(true, "run", "../drills/registrar-overload.yaml",
                "--env", "docker", "--handsets", "300", "--report", runDir.toString());
        JsonNode s = summary(runDir, run);

        assertThat(run.out()).contains("the running compose stack");
        assertThat(s.at("/failover/t50_s").asDouble()).as("failover T50, real-equivalent s").isPositive().isLessThanOrEqualTo(600);
        assertThat(s.get("stuck_on_backup").asInt()).as("the never share stays on the backup").isPositive();
        assertThat(s.at("/phases/fault/retransmission_amplification").asDouble()).as("amplification in the fault phase")
                .isGreaterThan(s.at("/phases/baseline/retransmission_amplification").asDouble());
        assertThat(s.at("/calls/ddi_switches/0/inbound_after/answered_pct").asDouble()).as("calls land through the backup")
                .isGreaterThanOrEqualTo(90);
        List<JournalEvent> events = JournalMapper.readAll(runDir.resolve("journal.jsonl"));
        assertThat(events).filteredOn(JournalEvent.FaultStep.class::isInstance).map(e -> (JournalEvent.FaultStep) e)
                .filteredOn(f -> f.action().equals("start")).extracting(JournalEvent.FaultStep::detail)
                .anyMatch(d -> d.startsWith("docker update --cpu-quota"));
        assertThat(runDir.resolve("docker-registrar.log")).as("the containers' logs are in the report folder").isNotEmptyFile();

        assertThat(containersRunning()).as("the stack runs on after the drill").hasSize(6);
        assertThat(http("http://127.0.5.100:8474/proxies")).as("no toxic left on the compose fault-proxy")
                .contains("handsets->registrar").doesNotContain("\"toxics\":[{");
    }

    @Test
    void aCpuSqueezeOnThePbxContainerShowsInTheReportAndIsUndone() throws Exception {
        Path runDir = tmp.resolve("burn");
        CliCapture.Result run = CliCapture.execute(true, "run", "pbx-cpu-burn", "--env", "docker",
                "--report", runDir.toString());
        JsonNode s = summary(runDir, run);

        double baseline = s.at("/calls/by_phase/baseline/pdd_ms/p95").asDouble();
        double fault = s.at("/calls/by_phase/fault/pdd_ms/p95").asDouble();
        double recovery = s.at("/calls/by_phase/recovery/pdd_ms/p95").asDouble();
        assertThat(s.at("/calls/by_phase/fault/attempted").asInt()).as("calls in the fault window").isGreaterThan(20);
        assertThat(fault).as("PDD p95 in the fault window (ms) vs baseline %.1f ms", baseline)
                .isGreaterThan(Math.max(100, 3 * baseline));
        assertThat(recovery).as("PDD p95 after the window (ms)").isLessThan(fault);
        assertThat(Files.readString(runDir.resolve("report.html"))).as("the report names the squeeze").contains("cpu-squeeze → pbx-1");

        DockerClient docker = DockerClientFactory.instance().client();
        String pbx1 = stack.id("pbx-1");
        HostConfig host = docker.inspectContainerCmd(pbx1).exec().getHostConfig();
        assertThat(host.getCpuQuota()).as("pbx-1's CPU quota after the drill (unlimited)").isLessThanOrEqualTo(0);
        assertThat(Arrays.stream(docker.topContainerCmd(pbx1).exec().getProcesses()).map(Arrays::toString))
                .as("processes in pbx-1 after the drill").noneMatch(p -> p.contains("stress-ng"));
    }

    private static JsonNode summary(Path runDir, CliCapture.Result run) throws Exception {
        Path file = runDir.resolve("summary.json");
        String text = Files.isRegularFile(file) ? Files.readString(file) : "(no summary.json)";
        assertThat(run.exitCode()).as("exit code; stdout:%n%s%nstderr:%n%s%nsummary.json:%n%s", run.out(), run.err(), text).isZero();
        return JSON.readTree(text);
    }

    private static List<String> containersRunning() {
        return stack.containers().stream().filter(c -> "running".equals(c.getState())).map(c -> c.getNames()[0]).toList();
    }

    private static boolean dockerAnswers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String http(String url) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.body();
    }
}
