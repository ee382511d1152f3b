package io.sipdrill.chaos.proxy;

import io.sipdrill.chaos.toxic.Chunk;
import io.sipdrill.chaos.toxic.Stream;
import io.sipdrill.chaos.toxic.ToxicChain;
import io.sipdrill.chaos.toxic.Transport;
import io.sipdrill.load.time.Scheduler;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * A UDP route: one listen socket for every client; each client address gets a session with its own
 * upstream socket (bound on the listen address, port chosen by the kernel), so the upstream's replies
 * find their way back to the right handset, and the upstream sees one source per handset. A session
 * idle for {@code idle} (and holding nothing in its toxics) ends.
 *
 * <p>Disabled ({@code enabled: false}) the listen socket stays bound and everything is dropped
 * silently, as a dead network would (no ICMP back to the client); sessions end.
 */
public final class DatagramRoute extends Route {

    private static final int SOCKET_BUFFER = 4 * 1024 * 1024;
    private static final int SESSION_BUFFER = 1024 * 1024;
    /** Datagrams read per readiness event before other sockets get a turn. */
    private static final int READ_BATCH = 512;

    private final Duration idle;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(65_536);
    private final Map<SocketAddress, Session> sessions = new HashMap<>();
    private DatagramChannel socket;
    private SelectionKey key;
    private DatagramOutbox outbox;
    private Scheduler.Timeout sweep;
    private boolean forwarding;

    DatagramRoute(String name, InetSocketAddress listen, InetSocketAddress upstream, ProxyLoop loop,
                  RandomGenerator random, Duration idle) {
        super(name, listen, upstream, loop, random);
        this.idle = idle;
    }

    @Override
    public Transport transport() {
        return Transport.UDP;
    }

    /** Live sessions (one per client address); loop-consistent snapshot. */
    public int sessions() {
        return loop.call(sessions::size);
    }

    @Override
    void prepareOnLoop() {
        if (socket != null) {
            return;
        }
        InetSocketAddress at = listen();
        try {
            DatagramChannel ch = DatagramChannel.open();
            try {
                ch.setOption(StandardSocketOptions.SO_RCVBUF, SOCKET_BUFFER);
                ch.setOption(StandardSocketOptions.SO_SNDBUF, SOCKET_BUFFER);
                ch.bind(at);
                ch.configureBlocking(false);
                outbox = new DatagramOutbox(ch, metrics);
                key = loop.register(ch, SelectionKey.OP_READ, this::ready);
                outbox.key(key);
            } catch (IOException e) {
                ch.close();
                throw e;
            }
            socket = ch;
            boundTo((InetSocketAddress) ch.getLocalAddress());
        } catch (IOException e) {
            throw listenFailed(at, Transport.UDP, e);
        }
        long every = Math.max(TimeUnit.MILLISECONDS.toNanos(100), idle.toNanos() / 4);
        sweep = loop.schedule(() -> sweep(every), every, TimeUnit.NANOSECONDS);
    }

    @Override
    void openOnLoop() {
        prepareOnLoop();
        forwarding = true;
    }

    @Override
    void disableOnLoop() {
        forwarding = false;
        endAll();
    }

    @Override
    void closeOnLoop() {
        forwarding = false;
        endAll();
        if (sweep != null) {
            sweep.cancel();
            sweep = null;
        }
        if (socket != null) {
            key.cancel();
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
            socket = null;
            loop.flushClosed();
        }
    }

    @Override
    void syncToxics() {
        for (Session s : sessions.values()) {
            s.up.sync(toxics(Stream.UPSTREAM));
            s.down.sync(toxics(Stream.DOWNSTREAM));
        }
    }

    private void ready(SelectionKey k) throws IOException {
        if (k.isWritable()) {
            outbox.drain();
        }
        if (!k.isValid() || !k.isReadable()) {
            return;
        }
        for (int i = 0; i < READ_BATCH; i++) {
            buffer.clear();
            SocketAddress from = socket.receive(buffer);
            if (from == null) {
                return;
            }
            buffer.flip();
            byte[] data = new byte[buffer.remaining()];
            buffer.get(data);
            metrics.received(Stream.UPSTREAM, data.length);
            if (!forwarding) {
                metrics.proxyDropped(RouteMetrics.ProxyDrop.DISABLED);
                continue;
            }
            Session s = sessions.get(from);
            if (s == null) {
                s = new Session((InetSocketAddress) from);
                sessions.put(from, s);
            }
            s.lastActive = loop.nanoTime();
            s.up.accept(Chunk.of(data, s.lastActive));
        }
    }

    private void sweep(long every) {
        long now = loop.nanoTime();
        for (Session s : new ArrayList<>(sessions.values())) {
            if (now - s.lastActive > idle.toNanos() && !s.up.holding() && !s.down.holding() && s.outbox.isEmpty()) {
                s.end();
            }
        }
        sweep = loop.schedule(() -> sweep(every), every, TimeUnit.NANOSECONDS);
    }

    private void endAll() {
        for (Session s : new ArrayList<>(sessions.values())) {
            s.end();
        }
    }

    /** One client address and its own upstream socket. */
    private final class Session {
        final InetSocketAddress peer;
        final DatagramChannel channel;
        final SelectionKey channelKey;
        final DatagramOutbox outbox;
        final ToxicChain up;
        final ToxicChain down;
        long lastActive;
        boolean ended;

        Session(InetSocketAddress peer) throws IOException {
            this.peer = peer;
            this.channel = DatagramChannel.open();
            try {
                channel.setOption(StandardSocketOptions.SO_RCVBUF, SESSION_BUFFER);
                channel.setOption(StandardSocketOptions.SO_SNDBUF, SESSION_BUFFER);
                channel.bind(new InetSocketAddress(listen().getAddress(), 0));
                channel.connect(upstream());
                channel.configureBlocking(false);
                this.outbox = new DatagramOutbox(channel, metrics);
                this.channelKey = loop.register(channel, SelectionKey.OP_READ, this::ready);
                outbox.key(channelKey);
            } catch (IOException e) {
                channel.close();
                throw e;
            }
            this.up = newChain(Stream.UPSTREAM, new ToxicChain.Sink() {
                @Override
                public void deliver(Chunk chunk) {
                    metrics.sent(Stream.UPSTREAM, chunk.length());
                    outbox.send(ByteBuffer.wrap(chunk.data()), null);
                }

                @Override
                public void close() {
                    end();
                }

                @Override
                public void reset() {
                    end();
                }
            }, LinkDrops.NONE);
            this.down = newChain(Stream.DOWNSTREAM, new ToxicChain.Sink() {
                @Override
                public void deliver(Chunk chunk) {
                    metrics.sent(Stream.DOWNSTREAM, chunk.length());
                    lastActive = loop.nanoTime();
                    DatagramRoute.this.outbox.send(ByteBuffer.wrap(chunk.data()), peer);
                }

                @Override
                public void close() {
                    end();
                }

                @Override
                public void reset() {
                    end();
                }
            }, LinkDrops.NONE);
            metrics.linkOpened();
        }

        void ready(SelectionKey k) throws IOException {
            if (k.isWritable()) {
                outbox.drain();
            }
            if (!k.isValid() || !k.isReadable()) {
                return;
            }
            for (int i = 0; i < READ_BATCH && !ended; i++) {
                buffer.clear();
                int n;
                try {
                    n = channel.read(buffer);
                } catch (PortUnreachableException e) {
                    // The upstream is not listening (ICMP); a real network would just lose the datagram.
                    metrics.proxyDropped(RouteMetrics.ProxyDrop.SEND_ERROR);
                    continue;
                }
                if (n <= 0) {
                    return;
                }
                buffer.flip();
                byte[] data = new byte[buffer.remaining()];
                buffer.get(data);
                metrics.received(Stream.DOWNSTREAM, data.length);
                lastActive = loop.nanoTime();
                down.accept(Chunk.of(data, lastActive));
            }
        }

        void end() {
            if (ended) {
                return;
            }
            ended = true;
            sessions.remove(peer, this);
            up.dispose();
            down.dispose();
            channelKey.cancel();
            try {
                channel.close();
            } catch (IOException e) {
                // closing anyway
            }
            metrics.linkClosed();
        }
    }
}
