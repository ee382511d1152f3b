package io.sipdrill.environments.docker;

import io.sipdrill.environments.local.SipOptionsProbe;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * compose.yaml's Kamailio services brought up for real with docker-compose, every address moved
 * to 127.0.190.x (primary side), 127.0.191.x (backup side) and 127.0.192.x (proxy): all healthy,
 * all on the host's network, the registrar and the backup answering OPTIONS from this JVM. The
 * fault-proxy service is left out: its image needs the app jars, which do not exist while this
 * module's tests run. Disabled (with the reason printed) only when no Docker daemon answers.
 */
@Tag("docker")
class ComposeUpTest {

    private static final String PROJECT = "sipdrill-composetest";
    private static final List<String> KAMAILIO_SERVICES = List.of("registrar", "pbx-1", "pbx-2", "backup", "backup-pbx-1");
    private static final Map<String, String> ADDRESSES = Map.ofEntries(
            Map.entry("SIPDRILL_PRIMARY", "127.0.190.1:5060"),
            Map.entry("SIPDRILL_PBX_1", "127.0.190.11:5060"),
            Map.entry("SIPDRILL_PBX_2", "127.0.190.12:5060"),
            Map.entry("SIPDRILL_VOICEMAIL", "127.0.190.30:5060"),
            Map.entry("SIPDRILL_CARRIER", "127.0.190.40:5060"),
            Map.entry("SIPDRILL_BACKUP", "127.0.191.1:5060"),
            Map.entry("SIPDRILL_BACKUP_PBX_1", "127.0.191.11:5060"),
            Map.entry("SIPDRILL_BACKUP_VOICEMAIL", "127.0.191.30:5060"),
            Map.entry("SIPDRILL_PROXY_API", "127.0.192.100:8474"),
            Map.entry("SIPDRILL_LINK_PRIMARY", "127.0.192.1:5060"),
            Map.entry("SIPDRILL_LINK_BACKUP", "127.0.192.2:5060"));
    private static final Map<String, String> LISTEN = Map.of(
            "registrar", "SIPDRILL_PRIMARY", "pbx-1", "SIPDRILL_PBX_1", "pbx-2", "SIPDRILL_PBX_2",
            "backup", "SIPDRILL_BACKUP", "backup-pbx-1", "SIPDRILL_BACKUP_PBX_1");
    private static final Duration HEALTHY_WITHIN = Duration.ofSeconds(90);

    private static List<String> composeCommand;

    /** Each test is skipped, the reason printed, when no daemon answers (a @BeforeAll abort would count no test). */
    @BeforeEach
    void aDockerDaemonAnswers() throws InterruptedException {
        String reason;
        try {
            Result info = run(List.of("docker", "info"), Map.of(), Duration.ofSeconds(30));
            if (info.exit == 0) {
                return;
            }
            reason = "docker info failed (exit " + info.exit + "): " + info.lastLine();
        } catch (IOException e) {
            reason = "docker is not installed: " + e.getMessage();
        }
        System.out.println("ComposeUpTest disabled: " + reason);
        abort(reason);
    }

    @Test
    void theKamailioServicesComeUpHealthyOnTheHostNetworkAndTheRegistrarAndBackupAnswerOptions() throws Exception {
        Result images = run(List.of(ComposeFile.dockerDir().resolve("build-images.sh").toString(), "kamailio"), Map.of(),
                Duration.ofMinutes(15));
        assertThat(images.exit).as("build-images.sh kamailio:\n" + images.output).isZero();
        System.out.print(images.output);

        compose("down", "-t", "5");   // what an interrupted run may have left
        try {
            long start = System.nanoTime();
            List<String> up = new ArrayList<>(List.of("up", "-d"));
            up.addAll(KAMAILIO_SERVICES);
            Result started = compose(up.toArray(String[]::new));
            assertThat(started.exit).as("compose up:\n" + started.output).isZero();
            long upMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            Map<String, Container> containers = awaitHealthy();
            System.out.printf("ComposeUpTest: up -d returned in %d ms, all %d healthy after %d ms%n", upMs,
                    containers.size(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));

            assertThat(containers).containsOnlyKeys(KAMAILIO_SERVICES);
            containers.forEach((target, c) -> {
                assertThat(c.networkMode).as(target + " HostConfig.NetworkMode").isEqualTo("host");
                assertThat(c.topology).as(target + " io.sipdrill.topology").isEqualTo("docker");
            });
            SipOptionsProbe probe = new SipOptionsProbe(Duration.ofSeconds(2));
            for (String target : KAMAILIO_SERVICES) {
                OptionalInt status = probe.probe(address(ADDRESSES.get(LISTEN.get(target))));
                assertThat(status).as(target + " on " + ADDRESSES.get(LISTEN.get(target)) + " answers OPTIONS").hasValue(200);
            }
        } finally {
            Result down = compose("down", "-t", "5");
            assertThat(down.exit).as("compose down:\n" + down.output).isZero();
            assertThat(containerIds()).as("containers of project " + PROJECT + " after down").isEmpty();
        }
    }

    /** Waits until every container of the project is healthy; fails at once on one that exited or went unhealthy. */
    private static Map<String, Container> awaitHealthy() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + HEALTHY_WITHIN.toNanos();
        Map<String, Container> last = Map.of();
        while (System.nanoTime() < deadline) {
            last = inspect();
            for (Container c : last.values()) {
                if (c.status.equals("exited") || c.status.equals("dead") || c.health.equals("unhealthy")) {
                    fail(c.target + " is " + c.status + "/" + c.health + "; its log:\n"
                            + run(List.of("docker", "logs", "--tail", "30", c.id), Map.of(), Duration.ofSeconds(10)).output);
                }
            }
            if (last.size() == KAMAILIO_SERVICES.size() && last.values().stream().allMatch(c -> c.health.equals("healthy"))) {
                return last;
            }
            Thread.sleep(250);
        }
        return fail("not all healthy within " + HEALTHY_WITHIN + ": " + last.values());
    }

    private static Map<String, Container> inspect() throws IOException, InterruptedException {
        List<String> ids = containerIds();
        Map<String, Container> byTarget = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return byTarget;
        }
        List<String> command = new ArrayList<>(List.of("docker", "inspect", "-f",
                "{{.Id}}|{{index .Config.Labels \"io.sipdrill.target\"}}|{{index .Config.Labels \"io.sipdrill.topology\"}}"
                        + "|{{.State.Status}}|{{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}|{{.HostConfig.NetworkMode}}"));
        command.addAll(ids);
        Result r = run(command, Map.of(), Duration.ofSeconds(20));
        assertThat(r.exit).as("docker inspect:\n" + r.output).isZero();
        for (String line : r.output.strip().split("\n")) {
            String[] f = line.split("\\|", -1);
            byTarget.put(f[1], new Container(f[0], f[1], f[2], f[3], f[4], f[5]));
        }
        return byTarget;
    }

    private static List<String> containerIds() throws IOException, InterruptedException {
        Result r = run(List.of("docker", "ps", "-a", "-q", "--filter", "label=com.docker.compose.project=" + PROJECT),
                Map.of(), Duration.ofSeconds(20));
        assertThat(r.exit).as("docker ps:\n" + r.output).isZero();
        return r.output.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** docker-compose (1.29, Debian's) or else `docker compose` (v2) on compose.yaml, with the test's addresses. */
    private static Result compose(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(composeCommand());
        command.addAll(List.of("-f", ComposeFile.composeYaml().toString(), "-p", PROJECT));
        command.addAll(List.of(args));
        return run(command, ADDRESSES, Duration.ofMinutes(3));
    }

    private static List<String> composeCommand() throws InterruptedException {
        if (composeCommand != null) {
            return composeCommand;
        }
        for (List<String> candidate : List.of(List.of("docker-compose"), List.of("docker", "compose"))) {
            try {
                List<String> version = new ArrayList<>(candidate);
                version.add("version");
                if (run(version, Map.of(), Duration.ofSeconds(30)).exit == 0) {
                    composeCommand = candidate;
                    return candidate;
                }
            } catch (IOException e) {
                // not installed: try the next
            }
        }
        return fail("neither docker-compose nor `docker compose` works (.ci/run installs docker-compose)");
    }

    private static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }

    private static Result run(List<String> command, Map<String, String> env, Duration timeout)
            throws IOException, InterruptedException {
        File out = File.createTempFile("sipdrill-composetest", ".log");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out)
                    .directory(ComposeFile.repoRoot().toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor();
                return fail(String.join(" ", command) + " did not end within " + timeout + ":\n"
                        + Files.readString(out.toPath(), StandardCharsets.UTF_8));
            }
            return new Result(p.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out.toPath());
        }
    }

    private record Result(int exit, String output) {
        String lastLine() {
            List<String> lines = output.strip().lines().toList();
            return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        }
    }

    private record Container(String id, String target, String topology, String status, String health, String networkMode) {
    }
}
