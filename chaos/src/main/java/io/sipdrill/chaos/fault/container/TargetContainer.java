package io.sipdrill.chaos.fault.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One target's container as the faults reach it: its id looked up at each use (a re-created
 * container is the one acted on), its state read by inspect, and Docker's errors turned into one
 * line that says which container and what failed.
 *
 * <pre>{@code
 * TargetContainer pbx1 = new TargetContainer(docker, lookup, "pbx-1");
 * String id = pbx1.requireId();
 * pbx1.call(id, "docker pause", () -> docker.pauseContainerCmd(id).exec());
 * }</pre>
 */
final class TargetContainer {

    /** The daemon's own words in an error body: {@code {"message":"Container … is not running"}}. */
    private static final Pattern DAEMON_MESSAGE = Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** What a fault needs to know of a container's state, read in one inspect. */
    record State(boolean running, boolean paused, String startedAt) {
    }

    private final DockerClient docker;
    private final ContainerLookup lookup;
    private final String target;

    TargetContainer(DockerClient docker, ContainerLookup lookup, String target) {
        this.docker = docker;
        this.lookup = lookup;
        this.target = target;
    }

    DockerClient docker() {
        return docker;
    }

    String target() {
        return target;
    }

    /** The container's id now, empty when the topology has not created it (or removed it). */
    Optional<String> id() {
        return lookup.containerId(target);
    }

    /** The container's id now; throws when there is none, since there is nothing to act on. */
    String requireId() {
        return id().orElseThrow(() -> new IllegalStateException(target + " has no container (the topology has not created it)"));
    }

    /** The full inspect of {@code id}, empty when Docker no longer knows it. */
    Optional<InspectContainerResponse> inspect(String id) {
        try {
            return Optional.of(docker.inspectContainerCmd(id).exec());
        } catch (NotFoundException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            throw failure(id, "docker inspect", e);
        }
    }

    /** Running, paused and start time of {@code id}, empty when Docker no longer knows it. */
    Optional<State> state(String id) {
        return inspect(id).map(TargetContainer::stateOf);
    }

    /** The current container's state, empty when there is no container. */
    Optional<State> state() {
        return id().flatMap(this::state);
    }

    /** A Docker call; some wait (an exec's completion), hence the interruption. */
    @FunctionalInterface
    interface DockerCall<T> {
        T get() throws InterruptedException;
    }

    /** A Docker call that returns nothing worth keeping. */
    @FunctionalInterface
    interface DockerAction {
        void run() throws InterruptedException;
    }

    /** Runs one Docker call, its failure reported as {@code "<action> of <target> (container <id>) failed: …"}. */
    <T> T call(String id, String action, DockerCall<T> dockerCall) throws InterruptedException {
        try {
            return dockerCall.get();
        } catch (IllegalStateException | IllegalArgumentException e) {
            // Ours, already one line naming the container.
            throw e;
        } catch (RuntimeException e) {
            throw failure(id, action, e);
        }
    }

    /** {@link #call} for the calls that return nothing worth keeping. */
    void run(String id, String action, DockerAction dockerCall) throws InterruptedException {
        call(id, action, () -> {
            dockerCall.run();
            return null;
        });
    }

    /**
     * Unpauses {@code id} when it is paused (by someone else: the faults' own pauses are released
     * through their reverts) before it is killed or restarted. Docker 20.10 does this itself (checked:
     * a paused container is SIGKILLed, and a restart's SIGTERM reaches it, at once), but older
     * engines refused to stop or kill a paused container.
     */
    void thawBeforeStopping(String id) throws InterruptedException {
        if (state(id).map(State::paused).orElse(false)) {
            run(id, "docker unpause", () -> docker.unpauseContainerCmd(id).exec());
        }
    }

    /** Returns once the topology's health check passes (SIP OPTIONS answered). */
    void awaitHealthy() throws Exception {
        lookup.awaitHealthy(target);
    }

    IllegalStateException failure(String id, String action, RuntimeException cause) {
        return new IllegalStateException(action + " of " + target + " (container " + shortId(id) + ") failed: "
                + oneLine(cause), cause);
    }

    /** The twelve characters {@code docker ps} shows. */
    static String shortId(String id) {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }

    /**
     * The daemon's message when the error carries one (docker-java's is {@code Status 409:
     * {"message":"…"}} plus a newline), else the exception's first line.
     */
    static String oneLine(RuntimeException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Matcher daemon = DAEMON_MESSAGE.matcher(message);
        if (e instanceof DockerException && daemon.find()) {
            String status = ((DockerException) e).getHttpStatus() > 0 ? " (HTTP " + ((DockerException) e).getHttpStatus() + ")" : "";
            return daemon.group(1).replace("\\\"", "\"").replace("\\n", " ").strip() + status;
        }
        if (e.getCause() != null && e.getCause().getMessage() != null && message.equals(e.getCause().toString())) {
            // A transport error wraps the IOException that says what happened (connection refused, …).
            message = e.getCause().getMessage();
        }
        return message.strip().lines().findFirst().orElse("");
    }

    private static State stateOf(InspectContainerResponse inspect) {
        InspectContainerResponse.ContainerState state = inspect.getState();
        return new State(Boolean.TRUE.equals(state.getRunning()), Boolean.TRUE.equals(state.getPaused()),
                state.getStartedAt() == null ? "" : state.getStartedAt());
    }
}
