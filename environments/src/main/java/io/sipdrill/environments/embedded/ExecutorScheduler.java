package io.sipdrill.environments.embedded;

import io.sipdrill.load.time.Scheduler;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A {@link Scheduler} on real time, backed by daemon threads, for the embedded servers' capacity models. */
final class ExecutorScheduler implements Scheduler, AutoCloseable {

    private final ScheduledThreadPoolExecutor executor;

    ExecutorScheduler(String name, int threads) {
        AtomicInteger n = new AtomicInteger();
        this.executor = new ScheduledThreadPoolExecutor(threads, r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            // Daemon, so a forgotten close() never keeps a drill's JVM alive.
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public Timeout schedule(Runnable task, long delay, TimeUnit unit) {
        ScheduledFuture<?> f = executor.schedule(task, delay, unit);
        return () -> f.cancel(false);
    }

    @Override
    public void execute(Runnable task) {
        executor.execute(task);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
