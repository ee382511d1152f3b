package io.sipdrill.chaos.proxy;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.util.ArrayDeque;

/**
 * Sends datagrams on one socket without ever dropping one because the socket was momentarily
 * full: what the kernel does not take now waits here (and the socket's write interest is on) until
 * it drains. Only a queue past {@link #MAX_QUEUED} or a kernel refusal counts as a proxy drop.
 */
final class DatagramOutbox {

    static final int MAX_QUEUED = 65_536;

    private record Pending(ByteBuffer data, SocketAddress to) {
    }

    private final DatagramChannel channel;
    private final RouteMetrics metrics;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private SelectionKey key;

    DatagramOutbox(DatagramChannel channel, RouteMetrics metrics) {
        this.channel = channel;
        this.metrics = metrics;
    }

    void key(SelectionKey key) {
        this.key = key;
    }

    /** @param to the peer, or null on a connected channel */
    void send(ByteBuffer data, SocketAddress to) {
        if (queue.isEmpty() && trySend(data, to)) {
            return;
        }
        if (queue.size() >= MAX_QUEUED) {
            metrics.proxyDropped(RouteMetrics.ProxyDrop.OVERFLOW);
            return;
        }
        queue.add(new Pending(data, to));
        if (key != null && key.isValid()) {
            key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
        }
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    /** Called when the socket is writable. */
    void drain() {
        Pending p;
        while ((p = queue.peek()) != null) {
            if (!trySend(p.data, p.to)) {
                return;
            }
            queue.poll();
        }
        if (key != null && key.isValid()) {
            key.interestOps(key.interestOps() & ~SelectionKey.OP_WRITE);
        }
    }

    /** @return false when the kernel had no room (try again when writable) */
    private boolean trySend(ByteBuffer data, SocketAddress to) {
        try {
            int n = to == null ? channel.write(data) : channel.send(data, to);
            return n > 0 || !data.hasRemaining();
        } catch (IOException e) {
            // e.g. PortUnreachableException after an ICMP from a target that is not listening
            metrics.proxyDropped(RouteMetrics.ProxyDrop.SEND_ERROR);
            return true;
        }
    }
}
