package io.sipdrill.chaos.fault.container;

import com.github.dockerjava.api.exception.NotModifiedException;
import io.sipdrill.chaos.fault.Fault;

import java.time.Duration;

/**
 * SIGKILLs a container ({@code docker kill --signal SIGKILL}): no shutdown, no goodbye, every
 * process in it gone and its sockets closed by the kernel, as when a host crashes. Reverting starts
 * the same container again (unless something else, an operator's restart, already did) and waits
 * until it answers SIP.
 *
 * <pre>{@code
 * Fault crash = targets.kill("pbx-1");
 * crash.inject();   // a freeze or squeeze on pbx-1 released, then docker kill -s SIGKILL
 * crash.revert();   // docker start, then the topology's OPTIONS health check
 * }</pre>
 */
final class ContainerKillFault implements Fault {

    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(50);

    /** Reverts what holds the target's processes (a freeze, a squeeze) before they are killed. */
    @FunctionalInterface
    interface ReleaseHolds {
        void run() throws Exception;
    }

    private final TargetContainer container;
    private final ReleaseHolds releaseHolds;
    private boolean killed;

    ContainerKillFault(TargetContainer container, ReleaseHolds releaseHolds) {
        this.container = container;
        this.releaseHolds = releaseHolds;
    }

    @Override
    public String name() {
        return "kill";
    }

    @Override
    public String target() {
        return container.target();
    }

    @Override
    public synchronized void inject() throws Exception {
        if (killed) {
            return;
        }
        String id = container.requireId();
        if (!container.state(id).map(TargetContainer.State::running).orElse(false)) {
            throw new IllegalStateException(target() + " is not running; nothing to kill");
        }
        releaseHolds.run();
        container.thawBeforeStopping(id);
        container.run(id, "docker kill --signal SIGKILL", () -> container.docker().killContainerCmd(id).withSignal("SIGKILL").exec());
        awaitExit(id);
        killed = true;
    }

    /**
     * Starts the target's container unless it runs already, then waits until healthy; nothing to do
     * when the topology has removed it.
     */
    @Override
    public synchronized void revert() throws Exception {
        if (!killed) {
            return;
        }
        // The container the topology has now: after a re-create that is the one to bring back.
        String id = container.id().orElse(null);
        TargetContainer.State state = id == null ? null : container.state(id).orElse(null);
        if (state != null) {
            if (!state.running()) {
                container.run(id, "docker start", () -> {
                    try {
                        container.docker().startContainerCmd(id).exec();
                    } catch (NotModifiedException alreadyStarted) {
                        // Started by someone else since the inspect: what this revert wanted.
                    }
                });
            }
            container.awaitHealthy();
        }
        // Cleared only after a successful start, so a failed revert can be retried.
        killed = false;
    }

    /** True from inject until a successful revert. */
    synchronized boolean injected() {
        return killed;
    }

    @Override
    public String detail() {
        return "docker kill --signal SIGKILL";
    }

    /** Returns once Docker reports the container stopped: a kill is only done when nothing in it runs. */
    private void awaitExit(String id) throws InterruptedException {
        long deadline = System.nanoTime() + EXIT_TIMEOUT.toNanos();
        while (container.state(id).map(TargetContainer.State::running).orElse(false)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(target() + "'s container " + TargetContainer.shortId(id) + " still runs "
                        + EXIT_TIMEOUT.toSeconds() + " s after docker kill --signal SIGKILL");
            }
            Thread.sleep(POLL.toMillis());
        }
    }
}
