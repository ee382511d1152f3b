package io.sipdrill.chaos.proxy;

import io.sipdrill.load.time.HashedTimerWheel;
import io.sipdrill.load.time.Scheduler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Iterator;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fault proxy's one thread: a selector for every route's sockets, a 1 ms timer wheel for the
 * toxics, and a task queue for changes made from other threads (the API). Everything a route or a
 * toxic does runs here, so none of it takes locks.
 */
final class ProxyLoop implements Scheduler, AutoCloseable {

    /** Called on the loop when a registered channel is ready. */
    @FunctionalInterface
    interface Handler {
        void ready(SelectionKey key) throws IOException;
    }

    private static final System.Logger LOG = System.getLogger(ProxyLoop.class.getName());
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final Selector selector;
    private final HashedTimerWheel wheel;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private final AtomicLong failures = new AtomicLong();
    private volatile boolean running = true;

    ProxyLoop(String name) {
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.wheel = new HashedTimerWheel(System.nanoTime(), TICK_NANOS, TimeUnit.NANOSECONDS, 4096);
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** Handler failures caught so far (each logged once). */
    long failures() {
        return failures.get();
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public Timeout schedule(Runnable task, long delay, TimeUnit unit) {
        if (inLoop()) {
            return wheel.schedule(task, System.nanoTime() + unit.toNanos(delay));
        }
        // From another thread: hop onto the loop; cancel is a flag the task checks.
        long deadline = System.nanoTime() + unit.toNanos(delay);
        var cancelled = new java.util.concurrent.atomic.AtomicBoolean();
        execute(() -> wheel.schedule(() -> {
            if (!cancelled.get()) {
                task.run();
            }
        }, deadline));
        return () -> !cancelled.getAndSet(true);
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        if (!inLoop()) {
            selector.wakeup();
        }
    }

    /** Runs {@code task} on the loop and waits for it; its exception is rethrown here. */
    <T> T call(Callable<T> task) {
        if (inLoop()) {
            try {
                return task.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        CompletableFuture<T> f = new CompletableFuture<>();
        execute(() -> {
            try {
                f.complete(task.call());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        try {
            return f.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the proxy loop", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("proxy loop did not answer in 30 s", e);
        }
    }

    void run(Runnable task) {
        call(() -> {
            task.run();
            return null;
        });
    }

    /**
     * Completes the closing of channels whose keys were just cancelled (loop thread only): a
     * registered channel's socket is only really closed at the next select, so a disabled route
     * would otherwise still accept connections, and its port could not be bound again, until then.
     */
    void flushClosed() {
        try {
            selector.selectNow(); // keys it finds ready stay selected for the loop's own pass
        } catch (IOException e) {
            // the loop's next select reports a broken selector
        }
    }

    /** Registers a channel (loop thread only). */
    SelectionKey register(SelectableChannel channel, int ops, Handler handler) throws ClosedChannelException {
        return channel.register(selector, ops, handler);
    }

    private void run() {
        while (running) {
            try {
                Runnable task;
                while ((task = tasks.poll()) != null) {
                    guarded(task);
                }
                wheel.expire(System.nanoTime());
                long waitMillis = wheel.size() > 0
                        ? Math.max(1, TimeUnit.NANOSECONDS.toMillis(wheel.nanosToNextTick(System.nanoTime()) + 999_999))
                        : 50;
                if (tasks.isEmpty()) {
                    selector.select(waitMillis);
                } else {
                    selector.selectNow();
                }
                Iterator<SelectionKey> it = selector.selectedKeys().iterator();
                while (it.hasNext()) {
                    SelectionKey key = it.next();
                    it.remove();
                    if (key.isValid() && key.attachment() instanceof Handler h) {
                        guarded(() -> {
                            try {
                                h.ready(key);
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        });
                    }
                }
            } catch (IOException | RuntimeException e) {
                failed(e);
            }
        }
    }

    private void guarded(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    private void failed(Exception e) {
        if (failures.incrementAndGet() <= 20) {
            LOG.log(System.Logger.Level.WARNING, "fault proxy loop: " + e, e);
        }
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        if (!inLoop()) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            for (SelectionKey k : selector.keys()) {
                k.channel().close();
            }
            selector.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
