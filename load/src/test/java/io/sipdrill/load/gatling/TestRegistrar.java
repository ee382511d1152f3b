package io.sipdrill.load.gatling;

import io.sipdrill.load.sip.auth.DigestCredentials;
import io.sipdrill.load.sip.auth.DigestVerifier;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tiny raw-UDP registrar for tests: challenges every REGISTER without credentials with a digest
 * 401, accepts password {@code "pw-" + user}, answers OPTIONS with 200. One thread, no state but
 * the bindings it counts.
 */
final class TestRegistrar implements AutoCloseable {

    private static final Pattern VIA = Pattern.compile("^Via: ([^\r\n]+)", Pattern.MULTILINE);
    private static final Pattern FROM = Pattern.compile("^From: ([^\r\n]+)", Pattern.MULTILINE);
    private static final Pattern TO = Pattern.compile("^To: ([^\r\n]+)", Pattern.MULTILINE);
    private static final Pattern CALL_ID = Pattern.compile("^Call-ID: ([^\r\n]+)", Pattern.MULTILINE);
    private static final Pattern CSEQ = Pattern.compile("^CSeq: ([^\r\n]+)", Pattern.MULTILINE);
    private static final Pattern CONTACT = Pattern.compile("^Contact: ([^\r\n]+)", Pattern.MULTILINE);
    private static final Pattern EXPIRES = Pattern.compile("^Expires: (\\d+)", Pattern.MULTILINE);
    private static final Pattern AUTHORIZATION = Pattern.compile("^Authorization: ([^\r\n]+)", Pattern.MULTILINE);

    private final DatagramSocket socket;
    private final Thread thread;
    private final AtomicLong nonces = new AtomicLong();
    private final Map<String, Integer> bindings = new ConcurrentHashMap<>();
    private final AtomicLong registers = new AtomicLong();
    private final AtomicLong options = new AtomicLong();

    private TestRegistrar(DatagramSocket socket) {
        this.socket = socket;
        this.thread = new Thread(this::serve, "test-registrar");
        thread.setDaemon(true);
        thread.start();
    }

    /** Binds {@code host} on an ephemeral port. */
    static TestRegistrar start(String host) throws SocketException {
        DatagramSocket s = new DatagramSocket(new InetSocketAddress(host, 0));
        s.setSoTimeout(100);
        return new TestRegistrar(s);
    }

    String hostPort() {
        return socket.getLocalAddress().getHostAddress() + ":" + socket.getLocalPort();
    }

    long registers() {
        return registers.get();
    }

    long options() {
        return options.get();
    }

    /** Users holding a binding now. */
    int bound() {
        return (int) bindings.values().stream().filter(e -> e > 0).count();
    }

    private void serve() {
        byte[] buf = new byte[8192];
        while (!socket.isClosed()) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (Exception e) {
                return;
            }
            String request = new String(p.getData(), 0, p.getLength(), StandardCharsets.ISO_8859_1);
            String response = respond(request);
            if (response == null) {
                continue;
            }
            byte[] out = response.getBytes(StandardCharsets.ISO_8859_1);
            try {
                socket.send(new DatagramPacket(out, out.length, p.getSocketAddress()));
            } catch (Exception e) {
                return;
            }
        }
    }

    private String respond(String request) {
        String via = group(VIA, request);
        String cseq = group(CSEQ, request);
        if (via == null || cseq == null) {
            return null;
        }
        String common = "Via: " + via + "\r\nFrom: " + group(FROM, request) + "\r\nTo: " + group(TO, request)
                + ";tag=reg\r\nCall-ID: " + group(CALL_ID, request) + "\r\nCSeq: " + cseq + "\r\n";
        if (request.startsWith("OPTIONS ")) {
            options.incrementAndGet();
            return "SIP/2.0 200 OK\r\n" + common + "Allow: REGISTER, OPTIONS\r\nContent-Length: 0\r\n\r\n";
        }
        if (!request.startsWith("REGISTER ")) {
            return "SIP/2.0 405 Method Not Allowed\r\n" + common + "Content-Length: 0\r\n\r\n";
        }
        registers.incrementAndGet();
        String authorization = group(AUTHORIZATION, request);
        if (authorization == null) {
            return "SIP/2.0 401 Unauthorized\r\n" + common + "WWW-Authenticate: Digest realm=\"sipdrill.test\", nonce=\"n"
                    + nonces.incrementAndGet() + "\", qop=\"auth\", algorithm=MD5\r\nContent-Length: 0\r\n\r\n";
        }
        DigestCredentials credentials = DigestCredentials.parse(authorization);
        if (!DigestVerifier.verify(credentials, "REGISTER", "pw-" + credentials.username())) {
            return "SIP/2.0 403 Forbidden\r\n" + common + "Content-Length: 0\r\n\r\n";
        }
        int expires = Integer.parseInt(group(EXPIRES, request) == null ? "60" : group(EXPIRES, request));
        bindings.put(credentials.username(), expires);
        String contact = group(CONTACT, request);
        String bound = expires > 0 ? "Contact: " + contact + ";expires=" + expires + "\r\n" : "";
        return "SIP/2.0 200 OK\r\n" + common + bound + "Expires: " + expires + "\r\nContent-Length: 0\r\n\r\n";
    }

    private static String group(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        thread.join(2000);
    }
}
