package io.sipdrill.load.sip;

import io.sipdrill.load.sip.codec.LeanSipCodec;
import io.sipdrill.load.sip.codec.SipCodec;
import io.sipdrill.load.sip.codec.SipParseException;
import io.sipdrill.load.sip.transaction.SipTimers;
import io.sipdrill.load.sip.transaction.TransactionLayer;
import io.sipdrill.load.sip.transport.LocalSocket;
import io.sipdrill.load.sip.transport.SipEventLoop;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The handsets' SIP engine: one event loop with a small socket pool, the codec, and the
 * transaction layer wired together. Datagrams that are responses go to their transaction;
 * malformed ones and requests (handsets do not serve any yet) are counted.
 */
public final class SipEngine implements AutoCloseable {

    private final SipEventLoop loop;
    private final TransactionLayer transactions;
    private final SipCodec codec;

    private SipEngine(SipEventLoop loop, SipTimers timers, SipCodec codec) {
        this.loop = loop;
        this.codec = codec;
        this.transactions = new TransactionLayer(loop, timers);
        loop.handler(this::onDatagram);
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
        SipEventLoop loop = SipEventLoop.bind(addresses, (s, a, d) -> { });
        SipEngine engine = new SipEngine(loop, timers, codec);
        loop.start();
        return engine;
    }

    private void onDatagram(LocalSocket socket, InetSocketAddress sender, ByteBuffer datagram) {
        if (!SipCodec.isResponse(datagram)) {
            if (datagram.remaining() <= 4) {
                return; // CRLF keep-alives (RFC 5626 §4.4.1) are not messages
            }
            transactions.onUnexpectedRequest();
            return;
        }
        try {
            transactions.onResponse(codec.decodeResponse(datagram));
        } catch (SipParseException | RuntimeException e) {
            transactions.onMalformed();
        }
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
    }
}
