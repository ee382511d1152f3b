package io.sipdrill.load.rtp;

import io.sipdrill.load.sip.call.Media;
import io.sipdrill.load.sip.call.MediaLeg;
import io.sipdrill.load.time.Ticker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * RTP for every call leg of a run on one daemon thread: a selector over non-blocking datagram
 * channels receives, and one queue ordered by due time paces every leg's 20 ms G.711 packets
 * against the monotonic clock. No thread or timer per leg, so thousands of parallel calls cost
 * one thread. Each leg binds an even port from an {@link RtpPortPool} on the IP of the SIP
 * address it is opened for, so a capture shows media on the handset's own address.
 *
 * <pre>{@code
 * try (RtpEngine rtp = RtpEngine.start(0.05)) {   // drop 5% of outgoing packets on purpose
 *     engine.calls().media(rtp);
 *     ... calls ...
 * }
 * }</pre>
 */
public final class RtpEngine implements Media, AutoCloseable {

    /** Bind attempts per leg before giving up: ports another process holds are skipped. */
    private static final int BIND_ATTEMPTS = 32;

    private final RtpPortPool ports;
    private final RandomGenerator random;   // SSRCs and initial numbers (RFC 3550 §5.1: random); guarded by itself
    private final LossSeam loss;
    private final Ticker ticker;
    private final Selector selector;
    private final Thread thread;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final PriorityQueue<RtpLeg> pacing = new PriorityQueue<>(Comparator.comparingLong(RtpLeg::dueNanos));
    private final List<RtpLeg> closedSinceSelect = new ArrayList<>();
    private final ByteBuffer receiveBuffer = ByteBuffer.allocateDirect(2048);
    private final ByteBuffer sendBuffer = ByteBuffer.allocateDirect(RtpHeader.FIXED_LENGTH + G711.SAMPLES_PER_PACKET);
    private volatile boolean running = true;
    private final java.util.concurrent.atomic.LongAdder legsOpened = new java.util.concurrent.atomic.LongAdder();
    private volatile long packetsSent;
    private volatile long packetsReceived;
    private volatile long malformed;
    private volatile long sendFailures;
    private volatile long slotsSkipped;
    private volatile long failures;

    private RtpEngine(RtpPortPool ports, double lossShare, RandomGenerator lossRandom, RandomGenerator random,
                      Ticker ticker) {
        this.ports = ports;
        this.random = random;
        this.loss = new LossSeam(lossShare, lossRandom);
        this.ticker = ticker;
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector for RTP", e);
        }
        this.thread = new Thread(this::run, "sipdrill-rtp");
        thread.setDaemon(true);
        thread.start();
    }

    /** An engine on the default port range, without loss. */
    public static RtpEngine start() {
        return start(0);
    }

    /** An engine on the default port range that drops {@code lossShare} (0..1) of outgoing packets on purpose. */
    public static RtpEngine start(double lossShare) {
        return start(new RtpPortPool(), lossShare, new SplittableRandom());
    }

    /** As {@link #start(double)} on {@code ports}, the loss seam drawing from {@code lossRandom} (seed it for exact tests). */
    public static RtpEngine start(RtpPortPool ports, double lossShare, RandomGenerator lossRandom) {
        return new RtpEngine(ports, lossShare, lossRandom, new SplittableRandom(), Ticker.system());
    }

    /** A leg on an even port of {@code sipAddress}'s IP. Any thread; binds at once, registers on the engine's thread. */
    @Override
    public MediaLeg open(InetSocketAddress sipAddress) {
        if (!running) {
            throw new IllegalStateException("the RTP engine is closed");
        }
        InetAddress ip = sipAddress.getAddress();
        DatagramChannel channel = bind(ip);
        InetSocketAddress local = new InetSocketAddress(ip, channel.socket().getLocalPort());
        RtpLeg leg;
        synchronized (random) { // open() runs on every SIP engine's loop; the generator is not thread-safe
            leg = new RtpLeg(this, local, channel, random.nextLong(1L << 32), random.nextInt(1 << 16),
                    random.nextLong(1L << 32));
        }
        legsOpened.increment();
        submit(() -> register(leg));
        return leg;
    }

    private DatagramChannel bind(InetAddress ip) {
        IOException last = null;
        for (int attempt = 0; attempt < BIND_ATTEMPTS; attempt++) {
            int port = ports.acquire(ip);
            DatagramChannel channel = null;
            try {
                channel = DatagramChannel.open();
                channel.configureBlocking(false);
                channel.bind(new InetSocketAddress(ip, port));
                return channel;
            } catch (IOException e) {
                last = e;
                closeQuietly(channel);
                ports.release(ip, port); // held by someone else, or not yet freed: back to the end of the queue
                if (!(e instanceof BindException)) {
                    break;
                }
            }
        }
        throw new IllegalStateException("cannot bind an RTP port on " + ip.getHostAddress() + ": " + last, last);
    }

    /** Legs opened, packets sent, dropped on purpose and received, and what went wrong, so far. */
    public RtpCounters counters() {
        return new RtpCounters(legsOpened.sum(), packetsSent, loss.dropped(), packetsReceived, malformed, sendFailures,
                slotsSkipped, failures);
    }

    public double lossShare() {
        return loss.share();
    }

    Ticker ticker() {
        return ticker;
    }

    /** Runs {@code task} on the engine's thread. */
    void submit(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    // ---- engine thread -----------------------------------------------------------------------

    private void run() {
        try {
            while (running) {
                long wait = nanosUntilNextPacket();
                // A closed leg's port is free only after a select: never block before that one has run.
                if (!tasks.isEmpty() || wait == 0 || !closedSinceSelect.isEmpty()) {
                    selector.selectNow();
                } else if (wait < 0) {
                    selector.select(); // nothing to send: sleep until a packet or a task
                } else {
                    // select() counts in milliseconds: wake at most ~1 ms late, never spin early.
                    selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait)));
                }
                releaseClosedPorts();
                receive();
                runTasks();
                sendDuePackets();
            }
        } catch (IOException | RuntimeException e) {
            if (running) {
                failures++;
                System.err.println("sipdrill: the RTP engine stopped: " + e);
            }
        } finally {
            closeAll();
        }
    }

    /** 0 when a packet is due now, -1 when no leg is sending. */
    private long nanosUntilNextPacket() {
        RtpLeg next = pacing.peek();
        if (next == null) {
            return -1;
        }
        return Math.max(0, next.dueNanos() - ticker.nanoTime());
    }

    private void register(RtpLeg leg) {
        if (leg.state() == RtpLeg.State.STOPPED) {
            return; // stopped before it got here: its release task is queued behind this one
        }
        try {
            leg.key = leg.channel.register(selector, SelectionKey.OP_READ, leg);
        } catch (IOException e) {
            failures++;
        }
    }

    void pace(RtpLeg leg) {
        pacing.add(leg);
    }

    /** Cancels the leg's key and closes its channel; the port goes back once the selector has let go of it. */
    void release(RtpLeg leg) {
        if (leg.key != null) {
            leg.key.cancel();
        }
        closeQuietly(leg.channel);
        closedSinceSelect.add(leg); // a sending leg leaves the pacing queue when it next comes due

    }

    private void releaseClosedPorts() {
        // A cancelled key's channel is only really closed at the next select, so its port is free only now.
        for (RtpLeg leg : closedSinceSelect) {
            ports.release(leg.local().getAddress(), leg.local().getPort());
        }
        closedSinceSelect.clear();
    }

    private void receive() throws IOException {
        Iterator<SelectionKey> selected = selector.selectedKeys().iterator();
        while (selected.hasNext()) {
            SelectionKey key = selected.next();
            selected.remove();
            if (!key.isValid()) {
                continue;
            }
            RtpLeg leg = (RtpLeg) key.attachment();
            DatagramChannel channel = (DatagramChannel) key.channel();
            while (true) {
                receiveBuffer.clear();
                SocketAddress from;
                try {
                    from = channel.receive(receiveBuffer);
                } catch (IOException e) {
                    break; // e.g. a closed channel; the key is gone by the next select
                }
                if (from == null) {
                    break;
                }
                packetsReceived++;
                receiveBuffer.flip();
                leg.onPacket(receiveBuffer, ticker.nanoTime());
            }
        }
    }

    private void runTasks() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            try {
                task.run();
            } catch (RuntimeException e) {
                if (failures++ == 0) {
                    System.err.println("sipdrill: an RTP engine task failed: " + e);
                }
            }
        }
    }

    private void sendDuePackets() {
        long now = ticker.nanoTime();
        RtpLeg leg;
        while ((leg = pacing.peek()) != null && now - leg.dueNanos() >= 0) {
            pacing.poll();
            if (leg.state() == RtpLeg.State.STOPPED) {
                continue;
            }
            long before = leg.packetsSent();
            leg.sendDue(sendBuffer, loss, now);
            packetsSent += leg.packetsSent() - before;
            pacing.add(leg);
        }
    }

    void countMalformed() {
        malformed++;
    }

    void countSendFailure() {
        sendFailures++;
    }

    void countSkipped(long slots) {
        if (slots > 0) {
            slotsSkipped += slots;
        }
    }

    private void closeAll() {
        for (SelectionKey key : selector.keys()) {
            closeQuietly(key.channel());
        }
        try {
            selector.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    private static void closeQuietly(java.nio.channels.Channel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing more to do with it
            }
        }
    }

    /** Stops the thread and closes every leg's socket. Idempotent; legs' stop() still returns their statistics afterwards. */
    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        selector.wakeup();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
