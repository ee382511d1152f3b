package io.sipdrill.environments.embedded;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Health check: sends OPTIONS over plain UDP until a 200 comes back. Plain UDP on purpose, so the
 * check needs no SIP stack of its own and exercises exactly the path a handset uses.
 */
final class OptionsProbe {

    private OptionsProbe() {
    }

    /** Call-ID prefix of a registrar's start-up self-check, which it answers outside its capacity model and counters. */
    static final String SELF_CHECK = "sipdrill-selfcheck-";
    private static final String HEALTH_CHECK = "probe-";

    /** @return true once the server answers 200; false if it stays silent for {@code timeout} */
    static boolean answers(InetSocketAddress server, Duration timeout) throws IOException {
        return answers(server, timeout, HEALTH_CHECK);
    }

    static boolean answers(InetSocketAddress server, Duration timeout, String callIdPrefix) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        // Bind next to the server (same loopback address), so the probe stays on 127.0.0.0/8 like everything else.
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(server.getAddress(), 0))) {
            byte[] buf = new byte[4096];
            int attempt = 0;
            while (System.nanoTime() < deadline) {
                byte[] req = options(server, socket.getLocalPort(), ++attempt, callIdPrefix).getBytes(StandardCharsets.US_ASCII);
                socket.send(new DatagramPacket(req, req.length, server));
                socket.setSoTimeout(200);
                try {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    socket.receive(p);
                    if (new String(buf, 0, p.getLength(), StandardCharsets.US_ASCII).startsWith("SIP/2.0 200")) {
                        return true;
                    }
                } catch (SocketTimeoutException e) {
                    // Not up yet, or the datagram was lost: try again until the deadline.
                }
            }
            return false;
        }
    }

    private static String options(InetSocketAddress server, int localPort, int attempt, String callIdPrefix) {
        String host = server.getAddress().getHostAddress();
        String target = host + ":" + server.getPort();
        long id = ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE;
        return "OPTIONS sip:" + target + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP " + host + ":" + localPort + ";branch=z9hG4bK-probe-" + id + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:probe@" + host + ">;tag=probe" + attempt + "\r\n"
                + "To: <sip:" + target + ">\r\n"
                + "Call-ID: " + callIdPrefix + id + "@" + host + "\r\n"
                + "CSeq: " + attempt + " OPTIONS\r\n"
                + "Content-Length: 0\r\n\r\n";
    }
}
