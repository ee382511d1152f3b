package io.sipdrill.environments;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * A modest, steady SIP load that measures a server's answer time: OPTIONS and unauthenticated
 * REGISTERs (answered 200 and 401) alternate at a fixed rate from one socket, and each answer's
 * round trip is matched by Call-ID. A request unanswered within the grace counts as the grace, so
 * percentiles stay meaningful when a squeezed server drops some.
 *
 * <pre>{@code
 * SipLatencyLoad.Result r = SipLatencyLoad.run("127.0.170.250", registrar, 300, Duration.ofSeconds(2));
 * double p50 = r.percentileMs(50);
 * }</pre>
 */
public final class SipLatencyLoad {

    private static final Duration GRACE = Duration.ofSeconds(2);

    private SipLatencyLoad() {
    }

    /** What one run measured. */
    public record Result(long[] latencyNanos, int sent, int answered) {

        /** The {@code p}th percentile of every request's latency (unanswered ones at the grace), in ms. */
        public double percentileMs(double p) {
            long[] sorted = latencyNanos.clone();
            Arrays.sort(sorted);
            int index = (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(p / 100 * sorted.length) - 1));
            return sorted[index] / 1e6;
        }

        @Override
        public String toString() {
            return String.format("sent %d, answered %d, p50 %.2f ms, p90 %.2f ms, p99 %.2f ms", sent, answered,
                    percentileMs(50), percentileMs(90), percentileMs(99));
        }
    }

    /** Sends {@code perSecond} requests a second to {@code target} for {@code duration}, from {@code localHost}. */
    public static Result run(String localHost, InetSocketAddress target, int perSecond, Duration duration)
            throws IOException, InterruptedException {
        return run(localHost, target, perSecond, duration, true);
    }

    /** As {@link #run}, OPTIONS only: for servers that do not answer REGISTER (a PBX). */
    public static Result runOptions(String localHost, InetSocketAddress target, int perSecond, Duration duration)
            throws IOException, InterruptedException {
        return run(localHost, target, perSecond, duration, false);
    }

    private static Result run(String localHost, InetSocketAddress target, int perSecond, Duration duration,
                              boolean withRegister) throws IOException, InterruptedException {
        int total = (int) (perSecond * duration.toMillis() / 1000);
        long[] sentAt = new long[total];
        long[] latency = new long[total];
        Arrays.fill(latency, -1);
        Map<String, Integer> byCallId = new ConcurrentHashMap<>();
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(localHost, 0))) {
            Thread receiver = new Thread(() -> receive(socket, byCallId, sentAt, latency), "latency-load-receiver");
            receiver.setDaemon(true);
            receiver.start();
            String self = localHost + ":" + socket.getLocalPort();
            String host = target.getAddress().getHostAddress() + ":" + target.getPort();
            long start = System.nanoTime();
            long interval = 1_000_000_000L / perSecond;
            for (int i = 0; i < total; i++) {
                long due = start + i * interval;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                String callId = "lat-" + i + "-" + start + "@" + localHost;
                byCallId.put(callId, i);
                byte[] request = request(!withRegister || i % 2 == 0 ? "OPTIONS" : "REGISTER", host, self, callId, i)
                        .getBytes(StandardCharsets.US_ASCII);
                sentAt[i] = System.nanoTime();
                socket.send(new DatagramPacket(request, request.length, target));
            }
            long deadline = System.nanoTime() + GRACE.toNanos();
            while (System.nanoTime() < deadline && Arrays.stream(latency).anyMatch(l -> l < 0)) {
                Thread.sleep(20);
            }
        }
        int answered = 0;
        for (int i = 0; i < total; i++) {
            synchronized (latency) {
                if (latency[i] >= 0) {
                    answered++;
                } else {
                    latency[i] = GRACE.toNanos();
                }
            }
        }
        return new Result(latency, total, answered);
    }

    private static void receive(DatagramSocket socket, Map<String, Integer> byCallId, long[] sentAt, long[] latency) {
        byte[] buffer = new byte[65_535];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.setSoTimeout(200);
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (SocketException closed) {
                return;
            } catch (IOException e) {
                return;
            }
            long now = System.nanoTime();
            String response = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.ISO_8859_1);
            Integer i = byCallId.get(callId(response));
            if (i != null) {
                synchronized (latency) {
                    if (latency[i] < 0) {
                        latency[i] = now - sentAt[i];
                    }
                }
            }
        }
    }

    private static String callId(String message) {
        for (String line : message.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                String name = line.substring(0, colon).trim();
                if (name.equalsIgnoreCase("Call-ID") || name.equals("i")) {
                    return line.substring(colon + 1).trim();
                }
            }
        }
        return "";
    }

    private static String request(String method, String host, String self, String callId, int n) {
        String user = "lat" + (1000 + n % 100);
        String to = method.equals("REGISTER") ? "<sip:" + user + "@" + host + ">" : "<sip:" + host + ">";
        return method + " sip:" + host + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP " + self + ";rport;branch=z9hG4bK-lat" + n + "x" + System.nanoTime() + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:" + user + "@" + host + ">;tag=l" + n + "\r\n"
                + "To: " + to + "\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 1 " + method + "\r\n"
                + (method.equals("REGISTER") ? "Contact: <sip:" + user + "@" + self + ">\r\nExpires: 60\r\n" : "")
                + "Content-Length: 0\r\n\r\n";
    }

    /** For failure messages. */
    public static String describe(List<Result> results) {
        List<String> lines = new ArrayList<>();
        results.forEach(r -> lines.add(r.toString()));
        return String.join("; ", lines);
    }
}
