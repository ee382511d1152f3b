package io.sipdrill.load.time;

import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;

/**
 * A scheduler on virtual time for deterministic tests: nothing runs until {@link #advance} moves
 * the clock, and then due tasks run in deadline order on the caller's thread.
 */
public final class ManualScheduler implements Scheduler {

    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private long now;
    private long sequence;

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public Timeout schedule(Runnable task, long delay, TimeUnit unit) {
        Task t = new Task(now + Math.max(0, unit.toNanos(delay)), sequence++, task);
        queue.add(t);
        return t;
    }

    @Override
    public void execute(Runnable task) {
        schedule(task, 0, TimeUnit.NANOSECONDS);
    }

    /** Moves virtual time forward, running every task that falls due on the way. */
    public void advance(long amount, TimeUnit unit) {
        long target = now + unit.toNanos(amount);
        runDueUntil(target);
        now = target;
    }

    /** Runs tasks already due at the current time (e.g. ones submitted with {@link #execute}). */
    public void runPending() {
        runDueUntil(now);
    }

    private void runDueUntil(long target) {
        Task next;
        while ((next = queue.peek()) != null && next.deadline <= target) {
            queue.poll();
            if (next.cancelled) {
                continue;
            }
            now = Math.max(now, next.deadline);
            next.done = true;
            next.task.run();
        }
    }

    private static final class Task implements Timeout, Comparable<Task> {
        final long deadline;
        final long seq;
        final Runnable task;
        boolean cancelled;
        boolean done;

        Task(long deadline, long seq, Runnable task) {
            this.deadline = deadline;
            this.seq = seq;
            this.task = task;
        }

        @Override
        public boolean cancel() {
            if (done || cancelled) {
                return false;
            }
            cancelled = true;
            return true;
        }

        @Override
        public int compareTo(Task o) {
            int c = Long.compare(deadline, o.deadline);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }
}
