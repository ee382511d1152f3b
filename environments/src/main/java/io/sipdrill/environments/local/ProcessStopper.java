package io.sipdrill.environments.local;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Stops a process and everything it forked: SIGTERM, a grace period, then SIGKILL to whatever is
 * left. Descendants are listed before the root goes, because once it exits they are re-parented
 * and no longer show up as its descendants.
 */
final class ProcessStopper {

    private ProcessStopper() {
    }

    /** Terminates {@code root} and its descendants; returns once all are gone or {@code grace} × 2 passed. */
    static void stop(ProcessHandle root, Duration grace) throws InterruptedException {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(root);
        root.descendants().forEach(tree::add);
        root.destroy();
        if (!awaitAll(tree, grace)) {
            // Pick up workers forked during shutdown too.
            root.descendants().filter(child -> !tree.contains(child)).forEach(tree::add);
            tree.forEach(ProcessHandle::destroyForcibly);
            awaitAll(tree, grace);
        }
    }

    private static boolean awaitAll(List<ProcessHandle> processes, Duration timeout) throws InterruptedException {
        CompletableFuture<?>[] exits = processes.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(exits).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return processes.stream().noneMatch(ProcessHandle::isAlive);
        }
    }
}
