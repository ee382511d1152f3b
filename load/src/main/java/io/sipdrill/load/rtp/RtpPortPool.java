package io.sipdrill.load.rtp;

import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * The even UDP ports RTP legs may bind (RFC 3550 §11: RTP on an even port, RTCP on the odd one
 * above), counted separately per local IP because a port is only taken on the address it is bound
 * to. Never-used ports go first, then released ones oldest first: the longer a port rests, the
 * less likely a late packet of its previous call still arrives on it. Thread-safe.
 */
public final class RtpPortPool {

    /** 16384–32766: the range desk phones commonly use, below Linux's ephemeral ports (32768+). */
    public static final int DEFAULT_FIRST = 16384;
    public static final int DEFAULT_LAST = 32766;

    private final int first;
    private final int last;
    private final Map<InetAddress, PerAddress> addresses = new HashMap<>();

    public RtpPortPool() {
        this(DEFAULT_FIRST, DEFAULT_LAST);
    }

    /** Ports {@code first}..{@code last}; odd bounds are moved inwards to the nearest even port. */
    public RtpPortPool(int first, int last) {
        this.first = first + (first & 1);
        this.last = last - (last & 1);
        if (this.first < 2 || this.last > 65534 || this.first > this.last) {
            throw new IllegalArgumentException("RTP port range " + first + "-" + last + " holds no even port in 2..65534");
        }
    }

    /** Even ports in the range. */
    public int size() {
        return (last - first) / 2 + 1;
    }

    /**
     * Takes a port on {@code address}.
     *
     * @throws RtpPortsExhaustedException if every port of the range is in use on that address
     */
    public synchronized int acquire(InetAddress address) {
        PerAddress ports = addresses.computeIfAbsent(address, a -> new PerAddress(first));
        int port;
        if (ports.nextFresh <= last) {
            port = ports.nextFresh;
            ports.nextFresh += 2;
        } else if (!ports.released.isEmpty()) {
            port = ports.released.poll();
        } else {
            throw new RtpPortsExhaustedException("no free RTP port on " + address.getHostAddress() + ": all "
                    + size() + " even ports of " + first + "-" + last + " are in use");
        }
        ports.inUse++;
        return port;
    }

    /** Gives {@code port} back; it is handed out again after the ports released before it. */
    public synchronized void release(InetAddress address, int port) {
        PerAddress ports = addresses.get(address);
        if (ports == null || port < first || port > last || (port & 1) != 0) {
            throw new IllegalArgumentException("port " + port + " on " + address + " is not from this pool");
        }
        ports.inUse--;
        ports.released.add(port);
    }

    /** Ports taken and not released on {@code address}. */
    public synchronized int inUse(InetAddress address) {
        PerAddress ports = addresses.get(address);
        return ports == null ? 0 : ports.inUse;
    }

    private static final class PerAddress {
        int nextFresh;
        int inUse;
        final ArrayDeque<Integer> released = new ArrayDeque<>();

        PerAddress(int first) {
            this.nextFresh = first;
        }
    }
}
