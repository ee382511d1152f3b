package io.sipdrill.environments.local;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Sends one SIP OPTIONS over UDP and reports the response's status code: the health check for
 * servers we start. Deliberately raw (no SIP stack) so it works before anything else is up and
 * tells a silent server (empty result) from one that answers with an error.
 *
 * <pre>{@code
 * OptionalInt status = new SipOptionsProbe(Duration.ofMillis(500)).probe(new InetSocketAddress("127.0.1.1", 5060));
 * boolean healthy = status.orElse(0) == 200;
 * }</pre>
 */
public final class SipOptionsProbe {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final Duration timeout;

    public SipOptionsProbe(Duration timeout) {
        this.timeout = timeout;
    }

    /** The status code of the first response to our OPTIONS, or empty if none came within the timeout. */
    public OptionalInt probe(InetSocketAddress target) throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            String callId = UUID.randomUUID() + "@sipdrill-probe";
            byte[] request = options(target, (InetSocketAddress) socket.getLocalSocketAddress(), callId)
                    .getBytes(StandardCharsets.US_ASCII);
            socket.send(new DatagramPacket(request, request.length, target));
            long deadline = System.nanoTime() + timeout.toNanos();
            byte[] buffer = new byte[65_535];
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return OptionalInt.empty();
                }
                socket.setSoTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(packet);
                } catch (SocketTimeoutException e) {
                    return OptionalInt.empty();
                }
                String response = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.ISO_8859_1);
                // Ignore anything that is not the answer to this probe (a late reply to an old one).
                if (response.contains(callId)) {
                    OptionalInt status = statusCode(response);
                    if (status.isPresent()) {
                        return status;
                    }
                }
            }
        }
    }

    /**
     * Probes {@code target} until it answers 200 or {@code timeout} passes; true if it did. For
     * servers whose only sign of life is their SIP port (sipdrill's own voicemail).
     */
    public boolean awaitOk(InetSocketAddress target, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (probe(target).orElse(0) == 200) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    /** The status code of a SIP response's status line, empty for requests or garbage. */
    static OptionalInt statusCode(String message) {
        if (!message.startsWith("SIP/2.0 ") || message.length() < 11) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(message.substring(8, 11)));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    private static String options(InetSocketAddress target, InetSocketAddress local, String callId) {
        String host = target.getAddress().getHostAddress() + ":" + target.getPort();
        String self = local.getAddress().getHostAddress() + ":" + local.getPort();
        String tag = Long.toHexString(ThreadLocalRandom.current().nextLong());
        return "OPTIONS sip:" + host + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP " + self + ";rport;branch=z9hG4bK" + tag + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:probe@" + self + ">;tag=" + tag + "\r\n"
                + "To: <sip:" + host + ">\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + "Accept: application/sdp\r\n"
                + "Content-Length: 0\r\n\r\n";
    }
}
