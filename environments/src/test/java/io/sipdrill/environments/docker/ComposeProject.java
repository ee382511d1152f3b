package io.sipdrill.environments.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;
import org.testcontainers.DockerClientFactory;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * compose.yaml brought up as a user would (docker-compose 1.29, else {@code docker compose}), as
 * its own project and with the test's addresses in the SIPDRILL_* variables; {@link #close()}
 * takes it down again. Containers it makes are the user's to a {@link DockerTopology}.
 *
 * <pre>{@code
 * try (ComposeProject stack = ComposeProject.up("sipdrill-test", Map.of("SIPDRILL_PRIMARY", "127.0.196.1:5060"),
 *         "registrar", "backup")) {
 *     new DockerTopology(config).start();   // attaches
 * }
 * }</pre>
 */
public final class ComposeProject implements AutoCloseable {

    private static final Duration COMPOSE_TIMEOUT = Duration.ofMinutes(3);
    private static List<String> composeCommand;

    private final String project;
    private final Map<String, String> env;

    private ComposeProject(String project, Map<String, String> env) {
        this.project = project;
        this.env = Map.copyOf(env);
    }

    /** {@code up -d services} (after a {@code down}, for what an interrupted run may have left). */
    public static ComposeProject up(String project, Map<String, String> env, String... services) throws IOException, InterruptedException {
        ComposeProject stack = new ComposeProject(project, env);
        stack.compose("down", "-t", "5");
        List<String> up = new ArrayList<>(List.of("up", "-d"));
        up.addAll(List.of(services));
        try {
            stack.compose(up.toArray(String[]::new));
        } catch (IOException | RuntimeException e) {
            stack.close();
            throw e;
        }
        return stack;
    }

    /** The project's containers, any state. */
    public List<Container> containers() {
        DockerClient docker = DockerClientFactory.instance().client();
        return docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of("com.docker.compose.project", project)).exec();
    }

    /** The id of {@code target}'s container (its io.sipdrill.target label). */
    public String id(String target) {
        return containers().stream().filter(c -> target.equals(c.getLabels().get(DockerService.TARGET_LABEL)))
                .map(Container::getId).findFirst().orElseThrow(() -> new IllegalStateException("no " + target + " in " + project));
    }

    /**
     * Waits until every container of the project reports healthy (the images have health checks)
     * and returns them inspected; throws at once, with its last log lines, for one that exited or
     * went unhealthy, and when {@code within} passes.
     */
    public List<InspectContainerResponse> awaitHealthy(Duration within) throws InterruptedException {
        DockerClient docker = DockerClientFactory.instance().client();
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            List<InspectContainerResponse> all = containers().stream().map(c -> docker.inspectContainerCmd(c.getId()).exec()).toList();
            for (InspectContainerResponse c : all) {
                String health = c.getState().getHealth() == null ? "none" : c.getState().getHealth().getStatus();
                if (!Boolean.TRUE.equals(c.getState().getRunning()) || health.equals("unhealthy")) {
                    throw new IllegalStateException(c.getName() + " is " + c.getState().getStatus() + "/" + health
                            + "; its log:\n" + logTail(docker, c.getId()));
                }
            }
            if (!all.isEmpty() && all.stream().allMatch(c -> c.getState().getHealth() != null
                    && "healthy".equals(c.getState().getHealth().getStatus()))) {
                return all;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("compose services of " + project + " not healthy within " + within + ": "
                        + all.stream().map(c -> c.getName() + " " + c.getState().getStatus()).toList());
            }
            Thread.sleep(250);
        }
    }

    private static String logTail(DockerClient docker, String id) throws InterruptedException {
        StringBuilder log = new StringBuilder();
        docker.logContainerCmd(id).withStdOut(true).withStdErr(true).withTail(30)
                .exec(new ResultCallback.Adapter<Frame>() {
                    @Override
                    public void onNext(Frame frame) {
                        log.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                    }
                }).awaitCompletion(10, TimeUnit.SECONDS);
        return log.toString();
    }

    /** {@code down -t 5}; throws if it fails or leaves a container. */
    @Override
    public void close() throws IOException, InterruptedException {
        compose("down", "-t", "5");
        if (!containers().isEmpty()) {
            throw new IllegalStateException("containers of " + project + " left after down: " + containers().size());
        }
    }

    private String compose(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(composeCommand());
        command.addAll(List.of("-f", ComposeFile.composeYaml().toString(), "-p", project));
        command.addAll(List.of(args));
        File out = File.createTempFile("sipdrill-compose", ".log");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out)
                    .directory(ComposeFile.repoRoot().toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(COMPOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor();
                throw new IOException(String.join(" ", command) + " did not end within " + COMPOSE_TIMEOUT);
            }
            String output = Files.readString(out.toPath(), StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed (exit " + p.exitValue() + "):\n" + output);
            }
            return output;
        } finally {
            Files.deleteIfExists(out.toPath());
        }
    }

    private static synchronized List<String> composeCommand() throws InterruptedException, IOException {
        if (composeCommand != null) {
            return composeCommand;
        }
        for (List<String> candidate : List.of(List.of("docker-compose"), List.of("docker", "compose"))) {
            List<String> version = new ArrayList<>(candidate);
            version.add("version");
            try {
                Process p = new ProcessBuilder(version).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    composeCommand = candidate;
                    return candidate;
                }
            } catch (IOException notInstalled) {
                // try the next
            }
        }
        throw new IOException("neither docker-compose nor `docker compose` works (.ci/run installs docker-compose)");
    }
}
