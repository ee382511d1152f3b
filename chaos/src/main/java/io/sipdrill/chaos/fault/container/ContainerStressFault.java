package io.sipdrill.chaos.fault.container;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectExecResponse;
import com.github.dockerjava.api.model.Frame;
import io.sipdrill.chaos.fault.Fault;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Burns CPU inside a container, next to the server, the way the June incident's call event did:
 * a command exec'd in the container ({@code stress-ng} by default) competes with the server for
 * the container's CPU. Reverting kills the burner and every process it started, and checks none
 * is left.
 *
 * <pre>{@code
 * Fault burn = targets.stress("pbx-1", 2, 80);
 * burn.inject();   // docker exec -d -e SIPDRILL_STRESS=<marker> <pbx-1> stress-ng --cpu 2 --cpu-load 80 …
 * burn.revert();   // every process carrying the marker SIGKILLed, none left
 * }</pre>
 *
 * <p>How the burner is found again: its exec gets an environment variable with a marker unique to
 * the fault, which every process it forks inherits. Reverting execs a small {@code sh} script that
 * SIGKILLs each process whose {@code /proc/<pid>/environ} has it. This needs only {@code sh} and
 * {@code grep} in the image (no procps, so no {@code pkill}), sees the container's own pids (the
 * exec's {@code Pid} from inspect is a host pid, usable only on the daemon's host and by root), and
 * reaches stress-ng's workers, which a kill of the exec's main process would leave running.
 */
final class ContainerStressFault implements Fault {

    /** Set on the burner's exec: its value tells this fault's processes from anything else. */
    static final String MARKER_VARIABLE = "SIPDRILL_STRESS";
    /**
     * stress-ng stops by itself after this, so a sipdrill killed mid-drill (no revert) does not leave
     * a container burning for ever; far longer than any drill step.
     */
    static final Duration STRESS_NG_TIMEOUT = Duration.ofHours(2);
    /** A burner that exits within this of its start failed to start (not installed, bad options). */
    private static final Duration START_CHECK = Duration.ofMillis(200);
    private static final Duration REAPER_TIMEOUT = Duration.ofSeconds(10);

    /**
     * Kills every process whose environment carries {@code $1}, in rounds until none is left (a
     * forking burner may start one between the scan and the kill); exits 0 once none is, 1 naming
     * the survivors. A zombie's environ reads empty, so reaped-later corpses do not count.
     */
    private static final String REAPER = """
            m="$1"; round=0
            while [ "$round" -lt 50 ]; do
              left=""
              for d in /proc/[0-9]*; do
                if grep -qxzF "$m" "$d/environ" 2>/dev/null; then
                  kill -KILL "${d#/proc/}" 2>/dev/null; left="$left ${d#/proc/}"
                fi
              done
              [ -z "$left" ] && exit 0
              round=$((round + 1)); sleep 0.1
            done
            echo "still running:$left"; exit 1
            """;

    private final TargetContainer container;
    private final List<String> command;
    private final String marker = MARKER_VARIABLE + "=" + UUID.randomUUID();
    /** The burner's container and exec, null when not injected. */
    private String containerId;
    private String execId;

    /** @param command what to exec, e.g. {@link #stressNg}; it and its children are the burner */
    ContainerStressFault(TargetContainer container, List<String> command) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("a stress command is needed");
        }
        this.container = container;
        this.command = List.copyOf(command);
    }

    /**
     * {@code stress-ng --cpu <workers> --cpu-load <loadPercent> --timeout 7200s}: each worker keeps
     * one core {@code loadPercent} busy. The image must have stress-ng.
     *
     * @throws IllegalArgumentException for no worker or a load outside 1–100 %
     */
    static List<String> stressNg(int workers, int loadPercent) {
        if (workers < 1) {
            throw new IllegalArgumentException("stress needs at least one worker, got " + workers);
        }
        if (loadPercent < 1 || loadPercent > 100) {
            throw new IllegalArgumentException("stress load must be between 1% and 100% of a core per worker, got " + loadPercent + "%");
        }
        return List.of("stress-ng", "--cpu", Integer.toString(workers), "--cpu-load", Integer.toString(loadPercent),
                "--timeout", STRESS_NG_TIMEOUT.toSeconds() + "s");
    }

    @Override
    public String name() {
        return "cpu-burn";
    }

    @Override
    public String target() {
        return container.target();
    }

    @Override
    public synchronized void inject() throws InterruptedException {
        if (execId != null) {
            return;
        }
        String id = container.requireId();
        TargetContainer.State state = container.state(id)
                .orElseThrow(() -> new IllegalStateException(target() + "'s container " + TargetContainer.shortId(id) + " is gone; nothing to stress"));
        if (!state.running() || state.paused()) {
            throw new IllegalStateException(target() + " is " + (state.paused() ? "paused" : "not running") + "; cannot exec a burner in it");
        }
        String exec = container.call(id, "docker exec " + String.join(" ", command), () -> {
            String created = container.docker().execCreateCmd(id)
                    .withEnv(List.of(marker))
                    .withCmd(command.toArray(String[]::new))
                    .withAttachStdout(false).withAttachStderr(false).withAttachStdin(false)
                    .exec().getId();
            // Detached: the daemon answers once the process is started, with no stream to follow.
            container.docker().execStartCmd(created).withDetach(true).exec(new ResultCallback.Adapter<>()).awaitCompletion(5, TimeUnit.SECONDS);
            return created;
        });
        containerId = id;
        execId = exec;
        Thread.sleep(START_CHECK.toMillis());
        InspectExecResponse started = inspectExec(id, exec);
        if (!Boolean.TRUE.equals(started.isRunning())) {
            IllegalStateException exited = new IllegalStateException(String.join(" ", command) + " exited at once in " + target()
                    + " (exit code " + started.getExitCodeLong()
                    + (Long.valueOf(127).equals(started.getExitCodeLong()) ? ": not in the image" : "") + ")");
            try {
                // A command that forked and exited would leave its children burning, untracked.
                reap(id);
            } catch (IllegalStateException e) {
                exited.addSuppressed(e);
            }
            containerId = null;
            execId = null;
            throw exited;
        }
    }

    /**
     * Kills the burner and its children and checks they are gone; nothing to do when the container
     * has stopped or gone meanwhile (they died with it).
     *
     * @throws IllegalStateException when the container is paused (no exec into a frozen container:
     *                               unpause it and revert again) or a burner process survives
     */
    @Override
    public synchronized void revert() throws InterruptedException {
        if (execId == null) {
            return;
        }
        String id = containerId;
        TargetContainer.State state = container.state(id).orElse(null);
        if (state != null && state.running()) {
            if (state.paused()) {
                throw new IllegalStateException(target() + " is paused; unpause it before stopping its burner");
            }
            withQuotaLifted(id, () -> {
                reap(id);
                awaitExecEnd(id, execId);
            });
        }
        // Cleared only once nothing of the burner runs, so a failed revert can be retried.
        containerId = null;
        execId = null;
    }

    /** True from inject until a successful revert. */
    synchronized boolean injected() {
        return execId != null;
    }

    /** The marker the burner's processes carry in their environment ({@code SIPDRILL_STRESS=<uuid>}). */
    String marker() {
        return marker;
    }

    /** {@code docker exec -d stress-ng --cpu 2 --cpu-load 80 --timeout 7200s}. */
    @Override
    public String detail() {
        return "docker exec -d " + String.join(" ", command);
    }

    private interface Step {
        void run() throws InterruptedException;
    }

    /**
     * Runs {@code step} with the container's CPU quota lifted and puts the quota back after: the
     * reaper runs inside the container, and under a squeeze (the drill's cpu-squeeze beside this
     * cpu-burn) the burners take the quota it needs; a reaper at 1-2% of a core did not finish in 10 s.
     */
    private void withQuotaLifted(String id, Step step) throws InterruptedException {
        com.github.dockerjava.api.model.HostConfig host = container.inspect(id).map(c -> c.getHostConfig()).orElse(null);
        Long quota = host == null ? null : host.getCpuQuota();
        Long period = host == null ? null : host.getCpuPeriod();
        if (quota == null || quota <= 0) {
            step.run();
            return;
        }
        container.run(id, "docker update --cpu-quota -1 (stopping the burner)", () -> container.docker().updateContainerCmd(id)
                .withCpuQuota(-1).exec());
        try {
            step.run();
        } finally {
            container.run(id, "docker update --cpu-quota " + quota, () -> container.docker().updateContainerCmd(id)
                    .withCpuPeriod(period == null || period <= 0 ? 100_000 : period.intValue())
                    .withCpuQuota(quota.intValue()).exec());
        }
    }

    private void reap(String id) throws InterruptedException {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        String reaper = container.call(id, "docker exec (stopping the burner)", () -> container.docker().execCreateCmd(id)
                .withCmd("sh", "-c", REAPER, "sipdrill-reaper", marker)
                .withAttachStdout(true).withAttachStderr(true)
                .exec().getId());
        boolean finished = container.call(id, "docker exec (stopping the burner)", () -> container.docker().execStartCmd(reaper)
                .exec(new ResultCallback.Adapter<Frame>() {
                    @Override
                    public void onNext(Frame frame) {
                        output.writeBytes(frame.getPayload());
                    }
                }).awaitCompletion(REAPER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        Long exit = inspectExec(id, reaper).getExitCodeLong();
        if (!finished || exit == null || exit != 0) {
            String said = output.toString(StandardCharsets.UTF_8).strip().replace('\n', ' ');
            throw new IllegalStateException("could not stop the burner in " + target() + " (container " + TargetContainer.shortId(id)
                    + "): " + (finished ? "exit code " + exit : "no answer in " + REAPER_TIMEOUT.toSeconds() + " s")
                    + (said.isEmpty() ? "" : ", " + said));
        }
    }

    /** The burner's exec reads not running once its main process is reaped; a moment after the kill. */
    private void awaitExecEnd(String id, String exec) throws InterruptedException {
        long deadline = System.nanoTime() + REAPER_TIMEOUT.toNanos();
        while (Boolean.TRUE.equals(inspectExec(id, exec).isRunning())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the burner's exec in " + target() + " still runs " + REAPER_TIMEOUT.toSeconds()
                        + " s after its processes were killed");
            }
            Thread.sleep(50);
        }
    }

    private InspectExecResponse inspectExec(String id, String exec) throws InterruptedException {
        return container.call(id, "docker exec inspect", () -> container.docker().inspectExecCmd(exec).exec());
    }
}
