package io.sipdrill.chaos.fault.container;

import io.sipdrill.chaos.fault.Fault;

/**
 * Freezes a whole container ({@code docker pause}, the cgroup freezer): the server keeps its
 * sockets but answers nothing, which is how a wedged registrar looks from the handsets. Reverting
 * unpauses it and returns: a thawed server has its sockets and state and answers at once, as with
 * the local topology's freezer. (No health check here: waiting for one would put the fault's end
 * in the journal after handsets had already seen the server answer, and skew recovery times.)
 *
 * <pre>{@code
 * Fault outage = targets.freeze("registrar");
 * outage.inject();   // docker pause <registrar>: silent
 * outage.revert();   // docker unpause: answering again
 * }</pre>
 */
final class ContainerFreezeFault implements Fault {

    private final TargetContainer container;
    private final String name;
    /** The container paused, null when not injected. */
    private String pausedId;

    /** @param name what the journal calls it: {@code freeze}, or a topology's {@code registrar-outage} */
    ContainerFreezeFault(TargetContainer container, String name) {
        this.container = container;
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String target() {
        return container.target();
    }

    @Override
    public synchronized void inject() throws InterruptedException {
        if (pausedId != null) {
            return;
        }
        String id = container.requireId();
        TargetContainer.State state = container.state(id)
                .orElseThrow(() -> new IllegalStateException(target() + "'s container " + TargetContainer.shortId(id) + " is gone; nothing to freeze"));
        if (!state.running()) {
            throw new IllegalStateException(target() + " is not running; nothing to freeze");
        }
        if (state.paused()) {
            // Someone else's pause: unpausing it would be ours to undo, and it is not.
            throw new IllegalStateException(target() + " is already paused (not by this fault)");
        }
        container.run(id, "docker pause", () -> container.docker().pauseContainerCmd(id).exec());
        pausedId = id;
    }

    /**
     * Unpauses the container if it is still paused, then waits until it is healthy; a container that
     * has stopped or gone meanwhile has nothing to thaw. A retry after a failed health check only
     * waits again.
     */
    @Override
    public synchronized void revert() throws Exception {
        if (pausedId == null) {
            return;
        }
        String id = pausedId;
        TargetContainer.State state = container.state(id).orElse(null);
        if (state != null && state.running()) {
            if (state.paused()) {
                container.run(id, "docker unpause", () -> container.docker().unpauseContainerCmd(id).exec());
            }
        }
        // Cleared only once unpaused, so a failed revert can be retried.
        pausedId = null;
    }

    /** True from inject until a successful revert. */
    synchronized boolean injected() {
        return pausedId != null;
    }

    @Override
    public String detail() {
        return "docker pause";
    }
}
