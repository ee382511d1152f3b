package io.sipdrill.load.sip;

import io.sipdrill.load.sip.call.CallLayer;
import io.sipdrill.load.sip.codec.LeanSipCodec;
import io.sipdrill.load.sip.codec.SipCodec;
import io.sipdrill.load.sip.codec.SipMessage;
import io.sipdrill.load.sip.codec.SipParseException;
import io.sipdrill.load.sip.codec.SipResponse;
import io.sipdrill.load.sip.transaction.SipTimers;
import io.sipdrill.load.sip.transaction.TransactionLayer;
import io.sipdrill.load.sip.transport.LocalSocket;
import io.sipdrill.load.sip.transport.SipEventLoop;
import io.sipdrill.load.sip.transport.SipSocket;
import io.sipdrill.load.sip.transport.SipTransport;
import io.sipdrill.load.sip.transport.TlsSocket;
import io.sipdrill.load.sip.transport.TlsTransport;
import io.sipdrill.load.tls.TlsTrust;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The handsets' SIP engine: one event loop with a small socket pool, the codec, and the
 * transaction and call layers wired together. Responses go to their transaction; requests (calls)
 * to the call layer; malformed datagrams are counted. Started with {@link #startTls}, handsets
 * register over TLS connections from the same local addresses instead of the UDP sockets.
 */
public final class SipEngine implements AutoCloseable {

    private final SipEventLoop loop;
    private final TransactionLayer transactions;
    private final SipCodec codec;
    private final CallLayer calls;
    private TlsTransport tls; // null: handsets use the UDP sockets

    private SipEngine(SipEventLoop loop, SipTimers timers, SipCodec codec) {
        this.loop = loop;
        this.codec = codec;
        this.transactions = new TransactionLayer(loop, timers);
        this.calls = new CallLayer(transactions, "sipdrill.test");
        loop.handler(this::onDatagram);
    }

    /**
     * Binds one UDP socket on each of {@code addresses} as given (fixed ports: a carrier or a
     * voicemail that others route to).
     */
    public static SipEngine bind(List<InetSocketAddress> addresses, SipTimers timers) {
        SipEventLoop loop = SipEventLoop.bind(addresses, (s, a, d) -> { });
        SipEngine engine = new SipEngine(loop, timers, new LeanSipCodec());
        loop.start();
        return engine;
    }

    /**
     * Binds {@code sockets} UDP sockets on consecutive loopback-style addresses starting at
     * {@code firstAddress} (127.0.3.1, 127.0.3.2, …), each on an ephemeral port.
     */
    public static SipEngine start(String firstAddress, int sockets, SipTimers timers) {
        return start(firstAddress, sockets, timers, new LeanSipCodec());
    }

    /**
     * As {@link #start(String, int, SipTimers)}, decoding with {@code codec}, which is used on the
     * loop thread only (e.g. {@code new LeanSipCodec(true)} to keep header lines for checks).
     */
    public static SipEngine start(String firstAddress, int sockets, SipTimers timers, SipCodec codec) {
        SipEventLoop loop = SipEventLoop.bind(consecutive(firstAddress, sockets), (s, a, d) -> { });
        SipEngine engine = new SipEngine(loop, timers, codec);
        loop.start();
        return engine;
    }

    /**
     * As {@link #start(String, int, SipTimers)}, with handsets on TLS: one {@link TlsSocket} per
     * local address (the UDP sockets stay bound for calls), each verifying registrars against
     * {@code trust}.
     */
    public static SipEngine startTls(String firstAddress, int sockets, SipTimers timers, TlsTrust trust) {
        return startTls(firstAddress, sockets, timers, trust, new LeanSipCodec());
    }

    /**
     * As {@link #startTls(String, int, SipTimers, TlsTrust)}, decoding with {@code codec} (loop
     * thread only), as the Gatling protocol does to keep header lines for checks.
     */
    public static SipEngine startTls(String firstAddress, int sockets, SipTimers timers, TlsTrust trust, SipCodec codec) {
        List<InetSocketAddress> addresses = consecutive(firstAddress, sockets);
        SipEventLoop loop = SipEventLoop.bind(addresses, (s, a, d) -> { });
        SipEngine engine = new SipEngine(loop, timers, codec);
        try {
            engine.tls = TlsTransport.open(loop, addresses.stream().map(InetSocketAddress::getAddress).toList(),
                    trust, engine.new StreamMessages());
        } catch (RuntimeException e) {
            loop.close();
            throw e;
        }
        loop.start();
        return engine;
    }

    private static List<InetSocketAddress> consecutive(String firstAddress, int sockets) {
        List<InetSocketAddress> addresses = new ArrayList<>();
        byte[] base;
        try {
            base = InetAddress.getByName(firstAddress).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bad local address " + firstAddress, e);
        }
        for (int i = 0; i < sockets; i++) {
            byte[] a = base.clone();
            a[a.length - 1] = (byte) ((base[a.length - 1] & 0xff) + i);
            try {
                addresses.add(new InetSocketAddress(InetAddress.getByAddress(a), 0));
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
        return addresses;
    }

    private void onDatagram(LocalSocket socket, InetSocketAddress sender, ByteBuffer datagram) {
        if (!SipCodec.isResponse(datagram)) {
            if (datagram.remaining() <= 4) {
                return; // CRLF keep-alives (RFC 5626 §4.4.1) are not messages
            }
            SipMessage request;
            try {
                request = SipMessage.parse(datagram);
            } catch (SipParseException | RuntimeException e) {
                transactions.onMalformed();
                return;
            }
            if ("REGISTER".equals(request.method())) {
                transactions.onUnexpectedRequest(); // handsets are not registrars
                return;
            }
            calls.onRequest(socket, sender, request);
            return;
        }
        onResponse(datagram);
    }

    private void onResponse(ByteBuffer datagram) {
        try {
            SipResponse response = codec.decodeResponse(datagram.duplicate());
            if (!"REGISTER".equals(response.cseqMethod()) && !"OPTIONS".equals(response.cseqMethod())) {
                // Responses to calls need tags, Contact, Record-Route and the SDP: parse them whole.
                response = response.withMessage(SipMessage.parse(datagram));
            }
            transactions.onResponse(response);
        } catch (SipParseException | RuntimeException e) {
            transactions.onMalformed();
        }
    }

    /** TLS messages, losses and framing errors, on the loop thread. */
    private final class StreamMessages implements TlsTransport.Listener {
        @Override
        public void onMessage(TlsSocket socket, InetSocketAddress peer, ByteBuffer message) {
            if (SipCodec.isResponse(message)) {
                onResponse(message);
            } else {
                // Requests to handsets (calls) over TLS are not supported yet: the call layer answers on UDP.
                transactions.onUnexpectedRequest();
            }
        }

        @Override
        public void onConnectionLost(TlsSocket socket, InetSocketAddress peer) {
            transactions.onTransportFailure(socket, peer);
        }

        @Override
        public void onMalformed() {
            transactions.onMalformed();
        }
    }

    /** The transport handsets register over: {@link SipTransport#TLS} when started with {@link #startTls}. */
    public SipTransport transport() {
        return tls == null ? SipTransport.UDP : SipTransport.TLS;
    }

    /** What handsets send through: the TLS sockets when started with {@link #startTls}, else the UDP ones. */
    public List<? extends SipSocket> handsetSockets() {
        return tls == null ? loop.sockets() : tls.sockets();
    }

    /** The TLS transport, or null when handsets use UDP. */
    public TlsTransport tls() {
        return tls;
    }

    /** The calls placed and answered on this engine's sockets. Use on the loop thread. */
    public CallLayer calls() {
        return calls;
    }

    public SipEventLoop loop() {
        return loop;
    }

    public TransactionLayer transactions() {
        return transactions;
    }

    public List<LocalSocket> sockets() {
        return loop.sockets();
    }

    @Override
    public void close() {
        loop.close();
        if (tls != null) {
            tls.close();
        }
    }
}
