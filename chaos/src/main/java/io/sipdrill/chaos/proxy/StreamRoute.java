package io.sipdrill.chaos.proxy;

import io.sipdrill.chaos.toxic.Chunk;
import io.sipdrill.chaos.toxic.Stream;
import io.sipdrill.chaos.toxic.ToxicChain;
import io.sipdrill.chaos.toxic.Transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * A TCP route, as in Toxiproxy: accepts a client, connects to the upstream, and pumps bytes both
 * ways through the route's upstream and downstream toxic chains. Non-blocking on the proxy loop.
 * Flow control: a direction stops reading while more than {@link #HIGH_WATER} bytes it read are
 * still in its toxics or unsent, so a slow toxic or peer slows the sender instead of filling memory.
 *
 * <p>Disabled, it closes its listener and every connection (clients get "connection refused").
 */
public final class StreamRoute extends Route {

    static final int HIGH_WATER = 1024 * 1024;
    static final int LOW_WATER = 256 * 1024;
    private static final int READ_SIZE = 32 * 1024;

    private final Set<Connection> connections = new HashSet<>();
    private ServerSocketChannel server;
    private SelectionKey acceptKey;

    StreamRoute(String name, InetSocketAddress listen, InetSocketAddress upstream, ProxyLoop loop, RandomGenerator random) {
        super(name, listen, upstream, loop, random);
    }

    @Override
    public Transport transport() {
        return Transport.TCP;
    }

    @Override
    void openOnLoop() {
        if (server != null) {
            return;
        }
        InetSocketAddress at = listen();
        try {
            ServerSocketChannel ch = ServerSocketChannel.open();
            try {
                ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                ch.bind(at, 1024);
                ch.configureBlocking(false);
                acceptKey = loop.register(ch, SelectionKey.OP_ACCEPT, k -> accept());
            } catch (IOException e) {
                ch.close();
                throw e;
            }
            server = ch;
            boundTo((InetSocketAddress) ch.getLocalAddress());
        } catch (IOException e) {
            throw listenFailed(at, Transport.TCP, e);
        }
    }

    @Override
    void disableOnLoop() {
        closeOnLoop();
    }

    @Override
    void closeOnLoop() {
        if (server != null) {
            acceptKey.cancel();
            try {
                server.close();
            } catch (IOException e) {
                // closing anyway
            }
            server = null;
            loop.flushClosed();
        }
        for (Connection c : new ArrayList<>(connections)) {
            c.close(false);
        }
    }

    @Override
    void syncToxics() {
        for (Connection c : connections) {
            c.syncToxics();
        }
    }

    private void accept() throws IOException {
        SocketChannel client;
        while (server != null && (client = server.accept()) != null) {
            Connection c = new Connection(client);
            connections.add(c);
            c.start();
        }
    }

    /** One client connection and its upstream connection. */
    private final class Connection {
        final SocketChannel client;
        SocketChannel upstreamChannel;
        SelectionKey clientKey;
        SelectionKey upstreamKey;
        Pipe up;
        Pipe down;
        boolean closed;

        Connection(SocketChannel client) {
            this.client = client;
        }

        void start() {
            try {
                client.configureBlocking(false);
                client.setOption(StandardSocketOptions.TCP_NODELAY, true);
                clientKey = loop.register(client, 0, this::clientReady);
                upstreamChannel = SocketChannel.open();
                upstreamChannel.configureBlocking(false);
                upstreamChannel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                boolean done = upstreamChannel.connect(upstream());
                upstreamKey = loop.register(upstreamChannel, done ? 0 : SelectionKey.OP_CONNECT, this::upstreamReady);
                metrics.linkOpened();
                if (done) {
                    connected();
                }
            } catch (IOException e) {
                close(false);
            }
        }

        void connected() {
            up = new Pipe(this, Stream.UPSTREAM, client, clientKey, upstreamChannel, upstreamKey);
            down = new Pipe(this, Stream.DOWNSTREAM, upstreamChannel, upstreamKey, client, clientKey);
            up.resumeReading();
            down.resumeReading();
        }

        void syncToxics() {
            if (up != null) {
                up.chain.sync(toxics(Stream.UPSTREAM));
                down.chain.sync(toxics(Stream.DOWNSTREAM));
            }
        }

        private void clientReady(SelectionKey k) {
            if (up == null) {
                return;
            }
            if (k.isValid() && k.isWritable()) {
                down.flush();
            }
            if (k.isValid() && k.isReadable()) {
                up.readable();
            }
        }

        private void upstreamReady(SelectionKey k) {
            if (k.isValid() && k.isConnectable()) {
                try {
                    if (!upstreamChannel.finishConnect()) {
                        return;
                    }
                } catch (IOException e) {
                    close(false);
                    return;
                }
                k.interestOps(0);
                connected();
                return;
            }
            if (up == null) {
                return;
            }
            if (k.isValid() && k.isWritable()) {
                up.flush();
            }
            if (k.isValid() && k.isReadable()) {
                down.readable();
            }
        }

        void pipeEnded() {
            if (up.outputEnded && down.outputEnded) {
                close(false);
            }
        }

        void close(boolean reset) {
            if (closed) {
                return;
            }
            closed = true;
            connections.remove(this);
            if (up != null) {
                up.chain.dispose();
                down.chain.dispose();
            }
            for (SocketChannel ch : new SocketChannel[]{client, upstreamChannel}) {
                if (ch == null) {
                    continue;
                }
                try {
                    if (reset && ch.isOpen()) {
                        ch.setOption(StandardSocketOptions.SO_LINGER, 0);
                    }
                    ch.close();
                } catch (IOException e) {
                    // closing anyway
                }
            }
            metrics.linkClosed();
        }
    }

    /** One direction of a connection: source socket → toxics → destination socket. */
    private final class Pipe implements ToxicChain.Sink {
        final Connection connection;
        final Stream stream;
        final SocketChannel source;
        final SelectionKey sourceKey;
        final SocketChannel destination;
        final SelectionKey destinationKey;
        final ToxicChain chain;
        final ArrayDeque<ByteBuffer> unsent = new ArrayDeque<>();
        long inFlight;
        boolean sourceEnded;
        boolean reading;
        boolean outputEnding;
        boolean outputEnded;
        /** A toxic closed the connection: close it all once this direction is written. */
        boolean closeWhenWritten;

        Pipe(Connection connection, Stream stream, SocketChannel source, SelectionKey sourceKey,
             SocketChannel destination, SelectionKey destinationKey) {
            this.connection = connection;
            this.stream = stream;
            this.source = source;
            this.sourceKey = sourceKey;
            this.destination = destination;
            this.destinationKey = destinationKey;
            this.chain = newChain(stream, this, chunk -> inFlight -= chunk.length());
        }

        void readable() {
            ByteBuffer buf = ByteBuffer.allocate(READ_SIZE);
            for (int i = 0; i < 8 && reading && !connection.closed; i++) {
                buf.clear();
                int n;
                try {
                    n = source.read(buf);
                } catch (IOException e) {
                    connection.close(false);
                    return;
                }
                if (n == 0) {
                    return;
                }
                long now = loop.nanoTime();
                if (n < 0) {
                    sourceEnded = true;
                    pauseReading();
                    chain.accept(Chunk.endOfStream(now));
                    return;
                }
                byte[] data = new byte[n];
                buf.flip();
                buf.get(data);
                metrics.received(stream, n);
                inFlight += n;
                if (inFlight > HIGH_WATER) {
                    pauseReading();
                }
                chain.accept(Chunk.of(data, now));
            }
        }

        void pauseReading() {
            reading = false;
            interest(sourceKey, SelectionKey.OP_READ, false);
        }

        void resumeReading() {
            if (!sourceEnded && !outputEnding && !connection.closed) {
                reading = true;
                interest(sourceKey, SelectionKey.OP_READ, true);
            }
        }

        @Override
        public void deliver(Chunk chunk) {
            if (outputEnding || connection.closed) {
                return;
            }
            if (chunk.endOfStream()) {
                outputEnding = true;
            } else {
                unsent.add(ByteBuffer.wrap(chunk.data()));
            }
            flush();
        }

        void flush() {
            if (connection.closed) {
                return;
            }
            try {
                ByteBuffer head;
                while ((head = unsent.peek()) != null) {
                    int n = destination.write(head);
                    if (n > 0) {
                        inFlight -= n;
                        metrics.sent(stream, n);
                    }
                    if (head.hasRemaining()) {
                        break;
                    }
                    unsent.poll();
                }
                interest(destinationKey, SelectionKey.OP_WRITE, !unsent.isEmpty());
                if (!reading && inFlight < LOW_WATER) {
                    resumeReading();
                }
                if (unsent.isEmpty() && outputEnding && !outputEnded) {
                    outputEnded = true;
                    if (closeWhenWritten) {
                        connection.close(false);
                        return;
                    }
                    destination.shutdownOutput();
                    connection.pipeEnded();
                }
            } catch (IOException e) {
                connection.close(false);
            }
        }

        @Override
        public void close() {
            closeWhenWritten = true;
            pauseReading();
            if (outputEnded) {
                connection.close(false);
                return;
            }
            outputEnding = true;
            flush();
        }

        @Override
        public void reset() {
            connection.close(true);
        }

        private void interest(SelectionKey key, int op, boolean on) {
            if (key.isValid()) {
                int ops = key.interestOps();
                key.interestOps(on ? ops | op : ops & ~op);
            }
        }
    }
}
