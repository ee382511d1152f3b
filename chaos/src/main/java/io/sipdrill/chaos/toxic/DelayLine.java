package io.sipdrill.chaos.toxic;

import io.sipdrill.load.time.Scheduler;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * A first-in first-out line of chunks, each released at its due time by one timer. Due times never
 * go backwards (a chunk is never released before one queued ahead of it), so a stream's bytes stay
 * in order. Shared by the toxics that delay: latency, bandwidth, slicer, slow_close.
 */
final class DelayLine {

    private record Held(Chunk chunk, long dueNanos) {
    }

    private final ArrayDeque<Held> queue = new ArrayDeque<>();
    private Scheduler.Timeout timer;
    private ToxicContext context;
    private long lastDue = Long.MIN_VALUE;

    /** Queues a chunk for release at {@code dueNanos} (or when the chunk ahead of it goes, if later). */
    void add(Chunk chunk, long dueNanos, ToxicContext ctx) {
        this.context = ctx;
        long due = Math.max(dueNanos, lastDue);
        lastDue = due;
        queue.add(new Held(chunk, due));
        if (timer == null) {
            release();
        }
    }

    /** The due time of the last chunk queued, or {@code now} when that has passed. */
    long lastDue(long now) {
        return Math.max(now, lastDue);
    }

    boolean holding() {
        return !queue.isEmpty();
    }

    /** Releases everything now, in order. */
    void flush(ToxicContext ctx) {
        cancel();
        Held h;
        while ((h = queue.poll()) != null) {
            ctx.forward(h.chunk);
        }
    }

    void cancel() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    private void release() {
        timer = null;
        Scheduler scheduler = context.scheduler();
        long now = scheduler.nanoTime();
        Held h;
        while ((h = queue.peek()) != null && h.dueNanos <= now) {
            queue.poll();
            context.forward(h.chunk);
        }
        if (h != null) {
            timer = scheduler.schedule(this::release, h.dueNanos - now, TimeUnit.NANOSECONDS);
        }
    }
}
