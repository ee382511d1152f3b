package io.sipdrill.environments.local;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code uas-registrar.xml} behaves as a challenging registrar: a plain UDP client registering
 * with digest (password "pw-" + user) gets 401, then 200, and refreshes on the same Call-ID keep
 * working because the scenario loops.
 */
@Tag("sipp")
class SippUasRegistrarTest {

    private static final InetSocketAddress REGISTRAR = new InetSocketAddress("127.0.24.1", 5060);
    private static final Pattern PARAM = Pattern.compile("(\\w+)=(?:\"([^\"]*)\"|([^,\\s]+))");

    @TempDir
    static Path runDir;
    private static SippProcess registrar;

    @BeforeAll
    static void startRegistrar() throws Exception {
        registrar = SippProcess.start(runDir, "uas-registrar", List.of(
                "-sf", SippScenarios.of("uas-registrar.xml").toString(),
                "-i", REGISTRAR.getAddress().getHostAddress(), "-p", Integer.toString(REGISTRAR.getPort())));
    }

    @AfterAll
    static void stopRegistrar() throws Exception {
        if (registrar != null) {
            registrar.stop(Duration.ofSeconds(2));
        }
    }

    @Test
    void challengesThenAcceptsTheRightPasswordAndKeepsAcceptingRefreshes() throws Exception {
        try (Handset handset = new Handset("2001")) {
            String challenge = handset.register(1, null);
            assertThat(statusLine(challenge)).as("first REGISTER; sipp log:\n%s", registrar.logTail(20)).isEqualTo("SIP/2.0 401 Unauthorized");
            String wwwAuthenticate = header(challenge, "WWW-Authenticate");
            assertThat(wwwAuthenticate).contains("realm=\"sipdrill.test\"", "qop=\"auth\"", "algorithm=MD5");

            String accepted = handset.register(2, handset.authorization(wwwAuthenticate, "pw-2001", 1));
            assertThat(statusLine(accepted)).isEqualTo("SIP/2.0 200 OK");
            assertThat(header(accepted, "Contact")).contains("sip:2001@").endsWith(";expires=60");

            String refreshed = handset.register(3, handset.authorization(wwwAuthenticate, "pw-2001", 2));
            assertThat(statusLine(refreshed)).as("refresh on the same Call-ID").isEqualTo("SIP/2.0 200 OK");
        }
    }

    @Test
    void wrongPasswordIsChallengedAgain() throws Exception {
        try (Handset handset = new Handset("2002")) {
            String challenge = handset.register(1, null);
            String rejected = handset.register(2, handset.authorization(header(challenge, "WWW-Authenticate"), "pw-2001", 1));

            assertThat(statusLine(rejected)).isEqualTo("SIP/2.0 401 Unauthorized");
        }
    }

    private static String statusLine(String response) {
        return response.lines().findFirst().orElse("");
    }

    private static String header(String message, String name) {
        return message.lines().filter(line -> line.regionMatches(true, 0, name + ":", 0, name.length() + 1))
                .map(line -> line.substring(name.length() + 1).strip()).findFirst().orElse("");
    }

    /** The smallest UDP handset that can do REGISTER with digest: one Call-ID, retransmissions until answered. */
    private static final class Handset implements AutoCloseable {

        private final String user;
        private final DatagramSocket socket;
        private final String callId = UUID.randomUUID().toString();
        private final String local;

        Handset(String user) throws IOException {
            this.user = user;
            this.socket = new DatagramSocket(new InetSocketAddress("127.0.24.10", 0));
            this.local = "127.0.24.10:" + socket.getLocalPort();
        }

        /** Sends REGISTER with this CSeq (and Authorization if given), returns the final response. */
        String register(int cseq, String authorization) throws IOException {
            String request = "REGISTER sip:sipdrill.test SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP " + local + ";branch=z9hG4bK" + UUID.randomUUID() + "\r\n"
                    + "Max-Forwards: 70\r\n"
                    + "From: <sip:" + user + "@sipdrill.test>;tag=" + user + "t\r\n"
                    + "To: <sip:" + user + "@sipdrill.test>\r\n"
                    + "Call-ID: " + callId + "\r\n"
                    + "CSeq: " + cseq + " REGISTER\r\n"
                    + "Contact: <sip:" + user + "@" + local + ">\r\n"
                    + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                    + "Expires: 60\r\n"
                    + "Content-Length: 0\r\n\r\n";
            byte[] bytes = request.getBytes(StandardCharsets.US_ASCII);
            byte[] buffer = new byte[65_535];
            // Retransmit like timer E: also covers SIPp still binding its socket on the first request.
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            socket.setSoTimeout(250);
            while (System.nanoTime() < deadline) {
                socket.send(new DatagramPacket(bytes, bytes.length, REGISTRAR));
                try {
                    while (true) {
                        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                        socket.receive(packet);
                        String response = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.US_ASCII);
                        if (header(response, "CSeq").equals(cseq + " REGISTER") && !statusLine(response).startsWith("SIP/2.0 1")) {
                            return response;
                        }
                    }
                } catch (SocketTimeoutException retransmit) {
                    // No final answer yet: send again.
                }
            }
            throw new IOException("no response to REGISTER CSeq " + cseq + " from " + REGISTRAR);
        }

        /** RFC 2617 digest with qop=auth, computed here so the scenario is checked independently of our own stack. */
        String authorization(String wwwAuthenticate, String password, int nonceCount) {
            String realm = param(wwwAuthenticate, "realm");
            String nonce = param(wwwAuthenticate, "nonce");
            String uri = "sip:sipdrill.test";
            String nc = String.format("%08x", nonceCount);
            String cnonce = Integer.toHexString(user.hashCode());
            String ha1 = md5(user + ":" + realm + ":" + password);
            String ha2 = md5("REGISTER:" + uri);
            String response = md5(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2);
            return "Digest username=\"" + user + "\", realm=\"" + realm + "\", nonce=\"" + nonce + "\", uri=\"" + uri
                    + "\", response=\"" + response + "\", algorithm=MD5, qop=auth, nc=" + nc + ", cnonce=\"" + cnonce + "\"";
        }

        private static String param(String challenge, String name) {
            Matcher matcher = PARAM.matcher(challenge);
            while (matcher.find()) {
                if (matcher.group(1).equalsIgnoreCase(name)) {
                    return matcher.group(2) != null ? matcher.group(2) : matcher.group(3);
                }
            }
            throw new IllegalArgumentException("no " + name + " in " + challenge);
        }

        private static String md5(String text) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            socket.close();
        }
    }
}
