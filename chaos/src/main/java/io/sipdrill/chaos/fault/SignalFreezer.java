package io.sipdrill.chaos.fault;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Freezes with SIGSTOP and thaws with SIGCONT, pid by pid. Works anywhere we may signal the
 * process, but unlike the cgroup freezer it is not atomic (a child forked mid-way is caught by
 * re-listing) and the target's parent can observe the stop.
 */
public final class SignalFreezer implements ProcessFreezer {

    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(5);

    @Override
    public String description() {
        return "SIGSTOP";
    }

    @Override
    public FrozenTree freeze(String name, ProcessHandle root) throws IOException, InterruptedException {
        Set<Long> stopped = new LinkedHashSet<>();
        // Stop the root first so it cannot fork new workers, then sweep until no unstopped pid is left.
        List<Long> pending = ProcessTree.pids(root);
        while (!pending.isEmpty()) {
            signal("STOP", pending);
            stopped.addAll(pending);
            pending = new ArrayList<>(ProcessTree.pids(root));
            pending.removeAll(stopped);
        }
        awaitStopped(stopped);
        return new SignalFrozenTree(List.copyOf(stopped));
    }

    private static void awaitStopped(Set<Long> pids) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        for (long pid : pids) {
            // 'T' is stopped by a signal; 't' is stopped under a tracer, which counts too.
            while (ProcessTree.state(pid).map(state -> state != 'T' && state != 't').orElse(false)) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("pid " + pid + " did not stop within " + SETTLE_TIMEOUT);
                }
                Thread.sleep(5);
            }
        }
    }

    static void signal(String signal, List<Long> pids) throws IOException, InterruptedException {
        if (pids.isEmpty()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
        pids.forEach(pid -> command.add(Long.toString(pid)));
        Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(kill.getInputStream().readAllBytes());
        // A pid that exited meanwhile makes kill fail; only the live ones matter.
        if (kill.waitFor() != 0 && pids.stream().anyMatch(pid -> ProcessHandle.of(pid).isPresent())) {
            throw new IOException("kill -" + signal + " " + pids + " failed: " + output.strip());
        }
    }

    private static final class SignalFrozenTree implements FrozenTree {

        private final List<Long> pids;
        private boolean thawed;

        SignalFrozenTree(List<Long> pids) {
            this.pids = pids;
        }

        @Override
        public List<Long> pids() {
            return pids;
        }

        @Override
        public synchronized void thaw() throws IOException, InterruptedException {
            if (thawed) {
                return;
            }
            List<Long> alive = pids.stream().filter(pid -> ProcessHandle.of(pid).isPresent()).toList();
            signal("CONT", alive);
            thawed = true;
        }
    }
}
