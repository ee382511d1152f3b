package io.sipdrill.load.sip.transport;

import io.sipdrill.load.time.HashedTimerWheel;
import io.sipdrill.load.time.Scheduler;
import io.sipdrill.load.time.Ticker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One thread that owns a small pool of UDP sockets, a timer wheel and a task queue: every handset
 * and transaction callback runs here, so the hot path takes no locks. Thousands of handsets share
 * the pool; there is never a socket or a thread per handset.
 *
 * <pre>{@code
 * SipEventLoop loop = SipEventLoop.bind(List.of(new InetSocketAddress("127.0.3.1", 0)), handler);
 * loop.start();
 * loop.execute(() -> loop.socket(0).send(buffer, registrar));
 * }</pre>
 */
public final class SipEventLoop implements Scheduler, AutoCloseable {

    /** 2 ms ticks: fine enough for time-scaled T1 (25 ms at 20x), coarse enough to cost nothing idle. */
    static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    private static final int RECEIVE_BUFFER_BYTES = 4 * 1024 * 1024;

    private final Ticker ticker;
    private final Selector selector;
    private final List<LocalSocket> sockets;
    private final HashedTimerWheel wheel;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final ByteBuffer receiveBuffer = ByteBuffer.allocateDirect(65536);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile DatagramHandler handler;
    private volatile boolean running;
    private Thread thread;
    private volatile long taskFailures;

    private SipEventLoop(Ticker ticker, Selector selector, List<LocalSocket> sockets) {
        this.ticker = ticker;
        this.selector = selector;
        this.sockets = sockets;
        this.wheel = new HashedTimerWheel(ticker.nanoTime(), TICK_NANOS, TimeUnit.NANOSECONDS, 4096);
    }

    /**
     * Binds one socket per address (port 0 picks a free port).
     *
     * @throws UncheckedIOException naming the address when a bind fails (e.g. port in use)
     */
    public static SipEventLoop bind(List<InetSocketAddress> addresses, DatagramHandler handler) {
        Selector selector;
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<LocalSocket> sockets = new ArrayList<>();
        try {
            for (InetSocketAddress address : addresses) {
                DatagramChannel channel = DatagramChannel.open();
                try {
                    channel.setOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER_BYTES);
                    channel.setOption(StandardSocketOptions.SO_SNDBUF, RECEIVE_BUFFER_BYTES);
                    channel.bind(address);
                } catch (BindException e) {
                    channel.close();
                    throw new UncheckedIOException("cannot bind " + address.getAddress().getHostAddress()
                            + ":" + address.getPort() + ": " + e.getMessage(), e);
                }
                channel.configureBlocking(false);
                LocalSocket socket = new LocalSocket(sockets.size(), channel, (InetSocketAddress) channel.getLocalAddress());
                channel.register(selector, SelectionKey.OP_READ, socket);
                sockets.add(socket);
            }
        } catch (IOException e) {
            closeQuietly(selector, sockets);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            closeQuietly(selector, sockets);
            throw e;
        }
        SipEventLoop loop = new SipEventLoop(Ticker.system(), selector, Collections.unmodifiableList(sockets));
        loop.handler = handler;
        return loop;
    }

    /** Replaces the datagram handler; call before {@link #start()}. */
    public void handler(DatagramHandler handler) {
        this.handler = handler;
    }

    public List<LocalSocket> sockets() {
        return sockets;
    }

    public LocalSocket socket(int index) {
        return sockets.get(index);
    }

    public synchronized void start() {
        if (thread != null) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "sipdrill-sip-loop");
        thread.setDaemon(true);
        thread.start();
    }

    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    @Override
    public long nanoTime() {
        return ticker.nanoTime();
    }

    /** Schedules on the wheel; from another thread the scheduling itself hops onto the loop. */
    @Override
    public Timeout schedule(Runnable task, long delay, TimeUnit unit) {
        long deadline = ticker.nanoTime() + unit.toNanos(delay);
        if (inLoop()) {
            return wheel.schedule(task, deadline);
        }
        CrossThreadTimeout handle = new CrossThreadTimeout();
        execute(() -> {
            if (!handle.cancelled) {
                handle.inner = wheel.schedule(task, deadline);
            }
        });
        return handle;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        if (!inLoop()) {
            selector.wakeup();
        }
    }

    private void run() {
        try {
            while (running) {
                long wait = wheel.nanosToNextTick(ticker.nanoTime());
                if (!tasks.isEmpty() || wait < 100_000) {
                    selector.selectNow();
                } else {
                    selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait)));
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    readAll((LocalSocket) key.attachment());
                }
                selector.selectedKeys().clear();
                runTasks();
                wheel.expire(ticker.nanoTime());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            closeQuietly(selector, sockets);
            stopped.countDown();
        }
    }

    private void readAll(LocalSocket socket) throws IOException {
        DatagramChannel channel = socket.channel();
        SocketAddress sender;
        // Drain the socket: one wakeup reads everything that has arrived, which is what keeps
        // per-datagram cost low under load.
        while (true) {
            receiveBuffer.clear();
            sender = channel.receive(receiveBuffer);
            if (sender == null) {
                return;
            }
            receiveBuffer.flip();
            try {
                handler.onDatagram(socket, (InetSocketAddress) sender, receiveBuffer);
            } catch (RuntimeException e) {
                // A bad datagram must never stop the loop; the handler counts what it rejects.
                reportTaskFailure(e);
            }
        }
    }

    private void runTasks() {
        Runnable task;
        int budget = 65536;
        while (budget-- > 0 && (task = tasks.poll()) != null) {
            try {
                task.run();
            } catch (RuntimeException e) {
                reportTaskFailure(e);
            }
        }
    }

    /** Failures of tasks and handlers: counted, and the first one printed so a bug is not silent. */
    public long taskFailures() {
        return taskFailures;
    }

    private void reportTaskFailure(RuntimeException e) {
        if (taskFailures++ == 0) {
            System.err.println("sipdrill: unexpected error on the SIP event loop (further ones only counted): " + e);
            e.printStackTrace();
        }
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        if (thread != null && !inLoop()) {
            try {
                stopped.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else if (thread == null) {
            closeQuietly(selector, sockets);
        }
    }

    private static void closeQuietly(Selector selector, List<LocalSocket> sockets) {
        for (LocalSocket s : sockets) {
            try {
                s.channel().close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** A timeout requested from another thread: cancellation may arrive before the wheel entry exists. */
    private final class CrossThreadTimeout implements Timeout {
        volatile boolean cancelled;
        volatile Timeout inner;

        @Override
        public boolean cancel() {
            if (cancelled) {
                return false;
            }
            cancelled = true;
            // The wheel is only touched on the loop thread, so the cancel hops there too.
            execute(() -> {
                Timeout t = inner;
                if (t != null) {
                    t.cancel();
                }
            });
            return true;
        }
    }
}
