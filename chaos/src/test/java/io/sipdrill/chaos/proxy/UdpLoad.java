package io.sipdrill.chaos.proxy;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Paced UDP traffic for the proxy's integration tests: {@code clients} sockets (handsets) send
 * SIP-sized datagrams carrying a sequence number and send time, round robin, at a fixed rate, to an
 * echo server behind the proxy, and record each echo's round trip.
 */
final class UdpLoad {

    /** What came back. {@code rttNanos[i]} is -1 for a datagram that never returned. */
    record Result(int sent, long received, long[] rttNanos) {
        double meanRttMillis() {
            long sum = 0;
            int n = 0;
            for (long r : rttNanos) {
                if (r >= 0) {
                    sum += r;
                    n++;
                }
            }
            return n == 0 ? Double.NaN : sum / 1e6 / n;
        }

        long lost() {
            return sent - received;
        }
    }

    private static final byte[] SIP = ("OPTIONS sip:registrar@sipdrill.test SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 127.0.150.9:5060;branch=z9hG4bK-load\r\nMax-Forwards: 70\r\n"
            + "From: <sip:1000001@sipdrill.test>;tag=1\r\nTo: <sip:registrar@sipdrill.test>\r\n"
            + "Call-ID: load@127.0.150.9\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

    private UdpLoad() {
    }

    /** Sends {@code count} datagrams at {@code ratePerSecond}, then waits up to {@code drainMillis} for echoes. */
    static Result run(InetSocketAddress target, String clientHost, int clients, int ratePerSecond, int count,
                      long drainMillis) throws Exception {
        return run(target, clientHost, clients, ratePerSecond, () -> true, count, drainMillis);
    }

    /** As above, but sends (up to {@code maxCount}) only while {@code more} says so. */
    static Result run(InetSocketAddress target, String clientHost, int clients, int ratePerSecond, BooleanSupplier more,
                      int maxCount, long drainMillis) throws Exception {
        long[] sentAt = new long[maxCount];
        long[] rtt = new long[maxCount];
        java.util.Arrays.fill(rtt, -1);
        AtomicLong received = new AtomicLong();
        List<DatagramSocket> sockets = new ArrayList<>();
        List<Thread> readers = new ArrayList<>();
        try {
            for (int c = 0; c < clients; c++) {
                DatagramSocket s = new DatagramSocket(new InetSocketAddress(clientHost, 0));
                s.setReceiveBufferSize(4 << 20);
                s.setSendBufferSize(4 << 20);
                s.setSoTimeout(200);
                sockets.add(s);
                Thread r = new Thread(() -> read(s, sentAt, rtt, received), "udp-load-reader");
                r.setDaemon(true);
                r.start();
                readers.add(r);
            }
            long interval = 1_000_000_000L / ratePerSecond;
            long start = System.nanoTime();
            byte[] payload = new byte[16 + SIP.length];
            System.arraycopy(SIP, 0, payload, 16, SIP.length);
            int sent = 0;
            while (sent < maxCount && more.getAsBoolean()) {
                long due = start + sent * interval;
                long now = System.nanoTime();
                if (due > now) {
                    LockSupport.parkNanos(due - now);
                    continue;
                }
                ByteBuffer.wrap(payload).putLong(sent).putLong(System.nanoTime());
                sentAt[sent] = System.nanoTime();
                sockets.get(sent % clients).send(new DatagramPacket(payload, payload.length, target));
                sent++;
            }
            long deadline = System.nanoTime() + drainMillis * 1_000_000L;
            while (received.get() < sent && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(50);
            return new Result(sent, received.get(), java.util.Arrays.copyOf(rtt, sent));
        } finally {
            sockets.forEach(DatagramSocket::close);
            for (Thread r : readers) {
                r.join(1000);
            }
        }
    }

    private static void read(DatagramSocket s, long[] sentAt, long[] rtt, AtomicLong received) {
        byte[] buf = new byte[2048];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        while (!s.isClosed()) {
            try {
                p.setLength(buf.length);
                s.receive(p);
                long now = System.nanoTime();
                int seq = (int) ByteBuffer.wrap(buf).getLong();
                if (seq >= 0 && seq < rtt.length && rtt[seq] < 0) {
                    rtt[seq] = now - sentAt[seq];
                    received.incrementAndGet();
                }
            } catch (SocketTimeoutException e) {
                // poll again
            } catch (IOException e) {
                return;
            }
        }
    }
}
