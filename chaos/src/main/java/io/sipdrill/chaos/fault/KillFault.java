package io.sipdrill.chaos.fault;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * SIGKILLs a server's whole process tree: no shutdown, no goodbye, sockets closed by the kernel,
 * as when a host's OOM killer or a crash takes it. Reverting is the owner's restart (same address,
 * health-checked), since only the owner knows how to start it. The process is looked up at inject
 * time, so the fault always kills the one running then.
 *
 * <pre>{@code
 * Fault kill = new KillFault("pbx-1", pbx1::handle, () -> topology.startAgain("pbx-1"));
 * kill.inject();   // pbx-1 and its workers are gone
 * kill.revert();   // pbx-1 runs again and answers OPTIONS
 * }</pre>
 */
public final class KillFault implements Fault {

    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(5);

    /** Starts the target again and returns once it is healthy. */
    @FunctionalInterface
    public interface Restart {
        void run() throws Exception;
    }

    private final String target;
    private final Supplier<Optional<ProcessHandle>> process;
    private final Restart restart;
    private boolean killed;

    public KillFault(String target, Supplier<Optional<ProcessHandle>> process, Restart restart) {
        this.target = target;
        this.process = process;
        this.restart = restart;
    }

    @Override
    public String name() {
        return "kill";
    }

    @Override
    public String target() {
        return target;
    }

    @Override
    public synchronized void inject() throws IOException, InterruptedException {
        if (killed) {
            return;
        }
        ProcessHandle root = process.get().filter(ProcessHandle::isAlive)
                .orElseThrow(() -> new IllegalStateException(target + " is not running; nothing to kill"));
        killTree(root);
        killed = true;
    }

    @Override
    public synchronized void revert() throws Exception {
        if (!killed) {
            return;
        }
        restart.run();
        // Cleared only after a successful restart, so a failed revert can be retried.
        killed = false;
    }

    /** True from inject until a successful revert. */
    public synchronized boolean injected() {
        return killed;
    }

    @Override
    public String detail() {
        return "SIGKILL";
    }

    /**
     * SIGKILLs {@code root} and its descendants and returns once all are gone. Descendants are
     * listed first: once the root dies they are re-parented and no longer its descendants.
     *
     * @return the pids killed, root first
     */
    public static List<Long> killTree(ProcessHandle root) throws IOException, InterruptedException {
        List<ProcessHandle> tree = new java.util.ArrayList<>();
        tree.add(root);
        root.descendants().forEach(tree::add);
        tree.forEach(ProcessHandle::destroyForcibly);
        CompletableFuture<?>[] exits = tree.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(exits).get(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // A frozen task only dies once thawed: the caller must release holds on it first.
            throw new IOException("pids " + tree.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList()
                    + " still alive " + EXIT_TIMEOUT.toSeconds() + " s after SIGKILL (frozen?)");
        } catch (ExecutionException e) {
            throw new IOException("waiting for the killed tree of pid " + root.pid() + " failed", e);
        }
        return tree.stream().map(ProcessHandle::pid).toList();
    }
}
