package io.sipdrill.load.sip.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.sipdrill.load.tls.TlsTrust;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * SIP over TLS for handsets (RFC 3261 §18 on a reliable transport): one {@link TlsSocket} per local
 * address, each holding one TLS connection per registrar it talks to, shared by all handsets on that
 * socket as the UDP sockets are. Received bytes are framed by Content-Length ({@link SipStreamFramer})
 * and every message, loss and malformed stream is handed to the {@link Listener} on the SIP event
 * loop thread, so handsets and transactions stay single-threaded.
 *
 * <p>Why Netty's {@link SslHandler} rather than driving a JDK {@code SSLEngine} inside
 * {@link SipEventLoop}: the handshake, delegated tasks, partial writes, close_notify and handshake
 * timeouts are what SSLEngine code gets wrong, and Netty (already on the classpath through Gatling)
 * has them right. The cost is one I/O thread and a hop per received message onto the SIP loop;
 * connections are few (sockets × registrars), so that hop is not on a hot path worth optimising.
 *
 * <pre>{@code
 * TlsTransport tls = TlsTransport.open(loop, List.of(InetAddress.getByName("127.0.30.10")), ca.trust(), listener);
 * loop.execute(() -> tls.sockets().get(0).send(registerBytes, new InetSocketAddress("127.0.30.1", 5061)));
 * }</pre>
 */
public final class TlsTransport implements AutoCloseable {

    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final long HANDSHAKE_TIMEOUT_MILLIS = 5_000;

    /** What the transport reports; every call runs on the SIP event loop thread. */
    public interface Listener {
        /** One complete SIP message; the buffer is only valid during the call. */
        void onMessage(TlsSocket socket, InetSocketAddress peer, ByteBuffer message);

        /** The connection to {@code peer} failed or closed; nothing more will arrive on it. */
        void onConnectionLost(TlsSocket socket, InetSocketAddress peer);

        /** A received stream could not be framed (bad Content-Length); its connection is closed. */
        void onMalformed();
    }

    private final SipEventLoop loop;
    private final EventLoopGroup group;
    private final SslContext context;
    private final Listener listener;
    private final List<TlsSocket> sockets;
    private final LongAdder handshakes = new LongAdder();
    private final LongAdder handshakeFailures = new LongAdder();
    private final LongAdder connectionsLost = new LongAdder();
    private volatile String lastHandshakeFailure;

    private TlsTransport(SipEventLoop loop, SslContext context, Listener listener, List<InetAddress> localAddresses) {
        this.loop = loop;
        this.context = context;
        this.listener = listener;
        this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("sipdrill-tls", true),
                NioIoHandler.newFactory());
        List<TlsSocket> out = new ArrayList<>();
        try {
            for (InetAddress address : localAddresses) {
                out.add(new TlsSocket(this, out.size(), address));
            }
        } catch (RuntimeException e) {
            out.forEach(TlsSocket::close);
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw e;
        }
        this.sockets = Collections.unmodifiableList(out);
    }

    /**
     * One TLS socket per local address; connections open on first use.
     *
     * @param trust the CAs a registrar's certificate must chain to
     */
    public static TlsTransport open(SipEventLoop loop, List<InetAddress> localAddresses, TlsTrust trust, Listener listener) {
        return new TlsTransport(loop, trust.clientContext(), listener, localAddresses);
    }

    public List<TlsSocket> sockets() {
        return sockets;
    }

    /** TLS handshakes that completed (the server's certificate was verified). */
    public long handshakes() {
        return handshakes.sum();
    }

    /** Handshakes that failed: untrusted or mismatched certificate, timeout, or the peer closed. */
    public long handshakeFailures() {
        return handshakeFailures.sum();
    }

    /** Connections that closed or failed to open. */
    public long connectionsLost() {
        return connectionsLost.sum();
    }

    /** Why the latest handshake failed, for the operator; null if none did. */
    public String lastHandshakeFailure() {
        return lastHandshakeFailure;
    }

    /** Opens a connection from {@code socket} to {@code target}; writes wait for its handshake. Loop thread. */
    TlsSocket.Connection connect(TlsSocket socket, InetSocketAddress target) {
        TlsSocket.Connection connection = socket.new Connection(target);
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                // The socket's advertised port is shared by its connections to different registrars.
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        // Host and port reach the engine, so the certificate is checked against this address.
                        SslHandler ssl = context.newHandler(channel.alloc(), target.getAddress().getHostAddress(),
                                target.getPort());
                        ssl.setHandshakeTimeoutMillis(HANDSHAKE_TIMEOUT_MILLIS);
                        ssl.handshakeFuture().addListener(done -> {
                            if (done.isSuccess()) {
                                handshakes.increment();
                                loop.execute(connection::opened);
                            } else {
                                handshakeFailures.increment();
                                lastHandshakeFailure = String.valueOf(done.cause());
                            }
                        });
                        channel.pipeline().addLast(ssl, new Reader(socket, target));
                    }
                });
        ChannelFuture connecting = bootstrap.connect(target, socket.localAddress());
        Channel channel = connecting.channel();
        connection.channel(channel);
        channel.closeFuture().addListener(closed -> {
            connectionsLost.increment();
            loop.execute(() -> {
                if (socket.forget(connection)) {
                    listener.onConnectionLost(socket, target);
                }
            });
        });
        return connection;
    }

    /** Closes every connection (by stopping their I/O thread) and releases the reserved ports. */
    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        sockets.forEach(TlsSocket::close);
    }

    /** Frames one connection's bytes; runs on the Netty I/O thread, hands messages to the SIP loop. */
    private final class Reader extends ChannelInboundHandlerAdapter {
        private final SipStreamFramer framer = new SipStreamFramer();
        private final TlsSocket socket;
        private final InetSocketAddress peer;

        Reader(TlsSocket socket, InetSocketAddress peer) {
            this.socket = socket;
            this.peer = peer;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf bytes = (ByteBuf) msg;
            try {
                boolean framed = framer.feed(bytes.nioBuffer(), message -> {
                    byte[] copy = new byte[message.remaining()];
                    message.get(copy);
                    loop.execute(() -> listener.onMessage(socket, peer, ByteBuffer.wrap(copy)));
                });
                if (!framed) {
                    loop.execute(listener::onMalformed);
                    ctx.close();
                }
            } finally {
                bytes.release();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // Handshake failures are counted by the handshake listener; anything else ends the connection too.
            ctx.close();
        }
    }
}
