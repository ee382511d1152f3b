package io.sipdrill.environments.fuzz;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The datagrams one receiver gets in the fuzz test: every torture message once, then seeded
 * mutations of {@code seeds} up to {@code count}, sent from one socket at a pace a UDP receiver on
 * a shared machine keeps up with (a lost datagram would be counted by no one). Replies are drained
 * and counted so the sender's socket never backs up.
 */
final class MalformedTraffic implements AutoCloseable {

    private static final int BURST = 20;

    private final DatagramSocket socket;
    private final String client;
    private final AtomicLong replies = new AtomicLong();
    private final Thread drain;

    MalformedTraffic(String host) throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(host, 0));
        socket.setSoTimeout(200);
        client = host + ":" + socket.getLocalPort();
        drain = new Thread(this::drain, "fuzz-replies-" + host);
        drain.setDaemon(true);
        drain.start();
    }

    /** What was sent to one receiver; {@code empty}: zero-length datagrams (a mutation truncated to nothing). */
    record Sent(int datagrams, int brokenStartLines, int corpus, int mutated, int empty) {
    }

    /** Builds and sends the traffic for {@code target}; {@code firstN} keeps Call-IDs and branches unique across receivers. */
    Sent send(InetSocketAddress target, List<TortureMessage> seeds, int count, long seed, long firstN)
            throws IOException, InterruptedException {
        String to = target.getAddress().getHostAddress() + ":" + target.getPort();
        List<byte[]> datagrams = new ArrayList<>(count);
        long n = firstN;
        for (TortureMessage m : TortureCorpus.all()) {
            datagrams.add(m.bytes(to, client, n++));
        }
        int corpus = datagrams.size();
        SipMutator mutator = new SipMutator(seed);
        while (datagrams.size() < count) {
            TortureMessage base = seeds.get((int) (n % seeds.size()));
            datagrams.add(mutator.mutate(base.bytes(to, client, n++)).bytes());
        }
        int broken = 0;
        for (int i = 0; i < datagrams.size(); i++) {
            byte[] d = datagrams.get(i);
            broken += StartLine.broken(d) && !keepAlive(d) ? 1 : 0;
            socket.send(new DatagramPacket(d, d.length, target));
            if (i % BURST == BURST - 1) {
                Thread.sleep(1);
            }
        }
        int empty = (int) datagrams.stream().filter(d -> d.length == 0).count();
        return new Sent(datagrams.size(), broken, corpus, datagrams.size() - corpus, empty);
    }

    /** Up to 4 bytes, or only CR and LF: a keep-alive (RFC 5626), which receivers skip without counting. */
    static boolean keepAlive(byte[] d) {
        if (d.length <= 4) {
            return true;
        }
        for (byte b : d) {
            if (b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    long replies() {
        return replies.get();
    }

    private void drain() {
        byte[] buf = new byte[65535];
        while (!socket.isClosed()) {
            try {
                socket.receive(new DatagramPacket(buf, buf.length));
                replies.incrementAndGet();
            } catch (java.net.SocketTimeoutException e) {
                // keep draining until closed
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
