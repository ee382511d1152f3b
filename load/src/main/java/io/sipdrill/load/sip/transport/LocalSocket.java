package io.sipdrill.load.sip.transport;

import io.sipdrill.load.sip.transaction.ClientTransaction;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * One bound UDP socket of the pool. Its host and port are what handsets put in Via and Contact,
 * pre-encoded once as ASCII so request templates copy bytes rather than format strings. It is also
 * the {@link ClientTransaction.Sender} (a {@link SipSocket}) of every handset on it, so 100,000 handsets share four senders
 * rather than each holding its own lambda.
 */
public final class LocalSocket implements SipSocket {

    private final int index;
    private final DatagramChannel channel;
    private final InetSocketAddress address;
    private final byte[] hostPortAscii;

    LocalSocket(int index, DatagramChannel channel, InetSocketAddress address) {
        this.index = index;
        this.channel = channel;
        this.address = address;
        this.hostPortAscii = (address.getAddress().getHostAddress() + ":" + address.getPort())
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    public int index() {
        return index;
    }

    public InetSocketAddress address() {
        return address;
    }

    /** {@code host:port}, for Via and Contact of the rarer messages written as strings (calls). */
    public String hostPort() {
        return new String(hostPortAscii, java.nio.charset.StandardCharsets.US_ASCII);
    }

    @Override
    public byte[] hostPortAscii() {
        return hostPortAscii;
    }

    @Override
    public SipTransport transport() {
        return SipTransport.UDP;
    }

    /**
     * Sends one datagram without blocking. A full socket buffer (the kernel dropped it) counts as a
     * send failure (counted by the transaction layer), the same loss a real phone would suffer;
     * retransmission timers cover it.
     */
    public boolean send(ByteBuffer datagram, InetSocketAddress target) {
        try {
            return channel.send(datagram, target) != 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** {@link #send(ByteBuffer, InetSocketAddress)} for a whole request, as transactions send it. */
    @Override
    public boolean send(byte[] request, InetSocketAddress target) {
        return send(ByteBuffer.wrap(request), target);
    }

    DatagramChannel channel() {
        return channel;
    }
}
