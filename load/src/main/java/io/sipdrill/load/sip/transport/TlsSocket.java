package io.sipdrill.load.sip.transport;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One local address of the {@link TlsTransport}: the {@link SipSocket} of every handset on it, with
 * one TLS connection per registrar, opened on the first request to it and reopened after a loss.
 * Used on the SIP event loop thread only.
 *
 * <p>Via and Contact need a port before any connection exists, so the socket reserves one at
 * creation (a bound, never connected TCP socket) and binds each of its connections to that same
 * port with SO_REUSEADDR: the port a registrar sees is the one the handset advertised.
 */
public final class TlsSocket implements SipSocket {

    private final TlsTransport transport;
    private final int index;
    private final SocketChannel reservation;
    private final InetSocketAddress localAddress;
    private final byte[] hostPortAscii;
    private final Map<InetSocketAddress, Connection> connections = new HashMap<>(4);

    TlsSocket(TlsTransport transport, int index, InetAddress address) {
        this.transport = transport;
        this.index = index;
        try {
            reservation = SocketChannel.open();
            reservation.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            reservation.bind(new InetSocketAddress(address, 0));
            localAddress = (InetSocketAddress) reservation.getLocalAddress();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reserve a TLS port on " + address.getHostAddress() + ": "
                    + e.getMessage(), e);
        }
        this.hostPortAscii = (address.getHostAddress() + ":" + localAddress.getPort()).getBytes(StandardCharsets.US_ASCII);
    }

    public int index() {
        return index;
    }

    /** The local address and reserved port every connection of this socket uses. */
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    @Override
    public byte[] hostPortAscii() {
        return hostPortAscii;
    }

    @Override
    public SipTransport transport() {
        return SipTransport.TLS;
    }

    /**
     * Queues the request on the connection to {@code target}, opening it if needed. Returns true once
     * queued: a connection or handshake that then fails ends the request's transaction with a
     * transport error through {@link TlsTransport.Listener#onConnectionLost}.
     */
    @Override
    public boolean send(byte[] request, InetSocketAddress target) {
        Connection connection = connections.get(target);
        if (connection == null) {
            connection = transport.connect(this, target);
            connections.put(target, connection);
        }
        return connection.write(request);
    }

    /** Connections open or opening now. Loop thread. */
    public int connections() {
        return connections.size();
    }

    /** Drops a lost connection; false if it had already been replaced or forgotten. */
    boolean forget(Connection connection) {
        connection.closed();
        return connections.remove(connection.target, connection);
    }

    /** Releases the reserved port; the transport's I/O thread shutting down closes the connections. */
    void close() {
        try {
            reservation.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** States of one connection; writes wait in CONNECTING until the handshake verified the server. */
    private enum State { CONNECTING, OPEN, CLOSED }

    /** One TLS connection to one registrar. Loop thread, except the channel's own I/O. */
    final class Connection {
        private final InetSocketAddress target;
        private final List<byte[]> pending = new ArrayList<>();
        private State state = State.CONNECTING;
        private Channel channel;

        Connection(InetSocketAddress target) {
            this.target = target;
        }

        void channel(Channel channel) {
            this.channel = channel;
        }

        boolean write(byte[] request) {
            switch (state) {
                case OPEN -> channel.writeAndFlush(Unpooled.wrappedBuffer(request));
                case CONNECTING -> pending.add(request);
                case CLOSED -> {
                    return false;
                }
            }
            return true;
        }

        void opened() {
            if (state != State.CONNECTING) {
                return;
            }
            state = State.OPEN;
            for (byte[] request : pending) {
                channel.write(Unpooled.wrappedBuffer(request));
            }
            pending.clear();
            channel.flush();
        }

        void closed() {
            state = State.CLOSED;
            pending.clear();
        }
    }
}
