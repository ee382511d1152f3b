package io.sipdrill.environments.embedded;

import io.sipdrill.load.time.Scheduler;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * A server's worker pool and queue on virtual time, so overload behaves as on a real server: as
 * load approaches capacity, queueing delay grows; past the queue limit, requests are lost silently.
 *
 * <p>No thread waits: each accepted request is given the time a worker would finish it (FIFO on the
 * earliest free worker) and is run by the scheduler at that time.
 *
 * <pre>{@code
 * CapacityModel model = new CapacityModel(CapacitySettings.defaults(), scheduler);
 * if (!model.offer(() -> answer(request))) { ... dropped ... }
 * model.setCapacityFactor(0.1); // ten times slower
 * }</pre>
 */
public final class CapacityModel {

    private final Scheduler scheduler;
    private final long serviceNanos;
    private final int queueLimit;
    private final long[] workerFreeAt;
    /** Start times of accepted requests not yet in service, oldest first; starts are non-decreasing. */
    private final long[] waitingStarts;
    private int waitingHead;
    private int waitingSize;
    private volatile double factor = 1.0;
    private final LongAdder accepted = new LongAdder();
    private final LongAdder dropped = new LongAdder();

    public CapacityModel(CapacitySettings settings, Scheduler scheduler) {
        this.scheduler = scheduler;
        this.serviceNanos = settings.serviceTime().toNanos();
        this.queueLimit = settings.queueLimit();
        this.workerFreeAt = new long[settings.workers()];
        long now = scheduler.nanoTime();
        Arrays.fill(workerFreeAt, now);
        this.waitingStarts = new long[Math.max(1, queueLimit)];
    }

    /**
     * Queues {@code work} to run when a worker would have finished it.
     *
     * @return false if the request was dropped now (queue full or capacity 0); an accepted request is
     * still dropped if the capacity factor is 0 when its service would end
     */
    public boolean offer(Runnable work) {
        long delay;
        synchronized (this) {
            double f = factor;
            if (f <= 0) {
                dropped.increment();
                return false;
            }
            long now = scheduler.nanoTime();
            releaseStarted(now);
            int w = earliestFreeWorker();
            long start = Math.max(now, workerFreeAt[w]);
            if (start > now) {
                if (waitingSize >= queueLimit) {
                    dropped.increment();
                    return false;
                }
                waitingStarts[(waitingHead + waitingSize) % waitingStarts.length] = start;
                waitingSize++;
            }
            // Capped so a tiny factor cannot overflow the virtual clock.
            long service = f == 1.0 ? serviceNanos : (long) Math.min(Long.MAX_VALUE / 4, serviceNanos / f);
            workerFreeAt[w] = start + service;
            delay = start + service - now;
        }
        accepted.increment();
        scheduler.schedule(() -> complete(work), delay, TimeUnit.NANOSECONDS);
        return true;
    }

    /**
     * 1.0 is normal, 0.1 makes each request take ten times as long (2.0 half as long), 0.0 stops answering entirely:
     * new requests are dropped, and so are those whose service ends while it stays 0.
     */
    public void setCapacityFactor(double f) {
        if (f < 0 || Double.isNaN(f)) {
            throw new IllegalArgumentException("capacity factor must be 0 or more, got " + f);
        }
        factor = f;
    }

    public double capacityFactor() {
        return factor;
    }

    /** Requests accepted but not yet in service. */
    public synchronized int waiting() {
        releaseStarted(scheduler.nanoTime());
        return waitingSize;
    }

    public long accepted() {
        return accepted.sum();
    }

    public long dropped() {
        return dropped.sum();
    }

    private void complete(Runnable work) {
        if (factor <= 0) {
            // The server froze while this request was inside it: it never answers.
            dropped.increment();
            return;
        }
        work.run();
    }

    private void releaseStarted(long now) {
        while (waitingSize > 0 && waitingStarts[waitingHead] <= now) {
            waitingHead = (waitingHead + 1) % waitingStarts.length;
            waitingSize--;
        }
    }

    private int earliestFreeWorker() {
        int best = 0;
        for (int i = 1; i < workerFreeAt.length; i++) {
            if (workerFreeAt[i] < workerFreeAt[best]) {
                best = i;
            }
        }
        return best;
    }
}
