package io.sipdrill.environments.embedded;

import io.sipdrill.load.sip.auth.DigestAuthorizer;
import io.sipdrill.load.sip.auth.DigestChallenge;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/** A deliberately dumb SIP client over raw UDP, so registrar tests depend on no SIP stack but the one under test. */
public final class UdpSipClient implements AutoCloseable {

    private final DatagramSocket socket;
    private final InetSocketAddress server;
    private final String localHost;
    private final AtomicInteger cseq = new AtomicInteger();
    private final String callId;

    public UdpSipClient(String localHost, InetSocketAddress server) throws IOException {
        this.localHost = localHost;
        this.server = server;
        this.socket = new DatagramSocket(new InetSocketAddress(localHost, 0));
        this.callId = "test-" + System.nanoTime() + "@" + localHost;
    }

    /** REGISTER for {@code user}; {@code expires} null means no Expires header; {@code authorization} may be null. */
    public Reply register(String user, Integer contactExpires, Integer expiresHeader, String authorization) throws IOException {
        String target = server.getAddress().getHostAddress() + ":" + server.getPort();
        int n = cseq.incrementAndGet();
        StringBuilder sb = new StringBuilder()
                .append("REGISTER sip:").append(target).append(" SIP/2.0\r\n")
                .append("Via: SIP/2.0/UDP ").append(localHost).append(':').append(socket.getLocalPort())
                .append(";branch=z9hG4bK-t").append(System.nanoTime()).append(";rport\r\n")
                .append("Max-Forwards: 70\r\n")
                .append("From: <sip:").append(user).append('@').append(target).append(">;tag=t").append(user).append("\r\n")
                .append("To: <sip:").append(user).append('@').append(target).append(">\r\n")
                .append("Call-ID: ").append(callId).append("\r\n")
                .append("CSeq: ").append(n).append(" REGISTER\r\n")
                .append("Contact: <sip:").append(user).append('@').append(localHost).append(':').append(socket.getLocalPort())
                .append('>');
        if (contactExpires != null) {
            sb.append(";expires=").append(contactExpires);
        }
        sb.append("\r\n");
        if (expiresHeader != null) {
            sb.append("Expires: ").append(expiresHeader).append("\r\n");
        }
        if (authorization != null) {
            sb.append("Authorization: ").append(authorization).append("\r\n");
        }
        sb.append("Content-Length: 0\r\n\r\n");
        return exchange(sb.toString());
    }

    /** Challenge → answer with {@code password}: returns the reply to the authenticated REGISTER. */
    public Reply registerWithAuth(String user, String password, int expires) throws IOException {
        Reply challenge = register(user, expires, null, null);
        if (challenge.status() != 401) {
            throw new AssertionError("expected 401, got " + challenge.status());
        }
        DigestChallenge c = DigestChallenge.parse(challenge.header("WWW-Authenticate"));
        String uri = "sip:" + server.getAddress().getHostAddress() + ":" + server.getPort();
        return register(user, expires, null, DigestAuthorizer.authorization(c, user, password, "REGISTER", uri, 1, "c0ffee"));
    }

    /**
     * A registration query (REGISTER without Contact, RFC 3261 10.2.3) with digest auth: the 200's
     * Contact headers are the bindings {@code user} has now (none: no Contact header).
     */
    public Reply queryWithAuth(String user, String password) throws IOException {
        Reply challenge = exchange(registerWithoutContact(user, null));
        if (challenge == null || challenge.status() != 401) {
            return challenge;
        }
        DigestChallenge c = DigestChallenge.parse(challenge.header("WWW-Authenticate"));
        String uri = "sip:" + server.getAddress().getHostAddress() + ":" + server.getPort();
        return exchange(registerWithoutContact(user, DigestAuthorizer.authorization(c, user, password, "REGISTER", uri, 1, "c0ffee")));
    }

    private String registerWithoutContact(String user, String authorization) {
        String target = server.getAddress().getHostAddress() + ":" + server.getPort();
        return "REGISTER sip:" + target + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP " + localHost + ":" + socket.getLocalPort() + ";branch=z9hG4bK-q" + System.nanoTime() + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:" + user + "@" + target + ">;tag=t" + user + "\r\n"
                + "To: <sip:" + user + "@" + target + ">\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + cseq.incrementAndGet() + " REGISTER\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                + "Content-Length: 0\r\n\r\n";
    }

    public Reply request(String method) throws IOException {
        String target = server.getAddress().getHostAddress() + ":" + server.getPort();
        return exchange(method + " sip:" + target + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP " + localHost + ":" + socket.getLocalPort() + ";branch=z9hG4bK-m" + System.nanoTime() + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:test@" + localHost + ">;tag=m1\r\n"
                + "To: <sip:" + target + ">\r\n"
                + "Call-ID: m" + System.nanoTime() + "@" + localHost + "\r\n"
                + "CSeq: 1 " + method + "\r\n"
                + "Content-Length: 0\r\n\r\n");
    }

    private Reply exchange(String message) throws IOException {
        byte[] out = message.getBytes(StandardCharsets.US_ASCII);
        socket.send(new DatagramPacket(out, out.length, server));
        socket.setSoTimeout(3000);
        byte[] buf = new byte[8192];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
            socket.receive(p);
        } catch (SocketTimeoutException e) {
            return null;
        }
        return new Reply(new String(buf, 0, p.getLength(), StandardCharsets.US_ASCII));
    }

    @Override
    public void close() {
        socket.close();
    }

    /** A received response, with just enough parsing for assertions. */
    public record Reply(String text) {
        public int status() {
            return Integer.parseInt(text.substring(8, 11));
        }

        /** First header with that name (case-insensitive), or null. */
        public String header(String name) {
            for (String line : text.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
