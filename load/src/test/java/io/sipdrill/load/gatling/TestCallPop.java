package io.sipdrill.load.gatling;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tiny raw-UDP POP for call tests: a registrar without digest (every REGISTER gets 200) and a
 * stateless proxy that sends an INVITE (and its CANCEL or failure ACK) to the contact the called
 * user registered, adding its own Via, and relays responses back by that Via. It does not
 * record-route, so the dialog's ACK and BYE go from handset to handset. It counts the final
 * responses to INVITEs it relays, by status.
 */
final class TestCallPop implements AutoCloseable {

    private static final Pattern REQUEST_LINE = Pattern.compile("^(\\S+) sip:([^@;> ]+)@");
    private static final Pattern CONTACT = Pattern.compile("^(?:Contact|m): *<?sip:[^@]+@([^;>\\s]+)",
            Pattern.MULTILINE);
    private static final Pattern TO_USER = Pattern.compile("^(?:To|t): *<?sip:([^@;>]+)@", Pattern.MULTILINE);
    private static final Pattern EXPIRES = Pattern.compile("^Expires: *(\\d+)", Pattern.MULTILINE);
    private static final Pattern VIA = Pattern.compile("^(?:Via|v): *SIP/2\\.0/UDP ([^;\\s]+)([^\r\n]*)\r\n",
            Pattern.MULTILINE);
    private static final Pattern CSEQ = Pattern.compile("^CSeq: *\\d+ (\\S+)", Pattern.MULTILINE);
    private static final Pattern STATUS = Pattern.compile("^SIP/2\\.0 (\\d{3})");

    private final DatagramSocket socket;
    private final String self;
    private final Thread thread;
    private final Map<String, InetSocketAddress> contacts = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicInteger> inviteFinals = new ConcurrentHashMap<>();

    private TestCallPop(DatagramSocket socket) {
        this.socket = socket;
        this.self = socket.getLocalAddress().getHostAddress() + ":" + socket.getLocalPort();
        this.thread = new Thread(this::serve, "test-call-pop");
        thread.setDaemon(true);
        thread.start();
    }

    /** Binds {@code host} on an ephemeral port. */
    static TestCallPop start(String host) throws SocketException {
        DatagramSocket s = new DatagramSocket(new InetSocketAddress(host, 0));
        s.setSoTimeout(100);
        return new TestCallPop(s);
    }

    String hostPort() {
        return self;
    }

    /** Final responses to INVITEs relayed back to callers with {@code status}. */
    int inviteFinals(int status) {
        AtomicInteger n = inviteFinals.get(status);
        return n == null ? 0 : n.get();
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
            String message = new String(p.getData(), 0, p.getLength(), StandardCharsets.ISO_8859_1);
            if (message.startsWith("SIP/2.0 ")) {
                relayResponse(message);
            } else {
                onRequest(message, (InetSocketAddress) p.getSocketAddress());
            }
        }
    }

    private void onRequest(String request, InetSocketAddress source) {
        Matcher line = REQUEST_LINE.matcher(request);
        if (request.startsWith("REGISTER ")) {
            Matcher to = TO_USER.matcher(request);
            Matcher contact = CONTACT.matcher(request);
            Matcher expires = EXPIRES.matcher(request);
            if (to.find() && contact.find()) {
                if (expires.find() && expires.group(1).equals("0")) {
                    contacts.remove(to.group(1));
                } else {
                    contacts.put(to.group(1), address(contact.group(1)));
                }
            }
            send(respond(request, 200, "OK", "Expires: " + (expires.find(0) ? expires.group(1) : "60") + "\r\n"), source);
            return;
        }
        if (!line.find()) {
            return;
        }
        InetSocketAddress target = contacts.get(line.group(2));
        if (target == null) {
            if (!request.startsWith("ACK ")) {
                send(respond(request, 404, "Not Found", ""), source);
            }
            return;
        }
        Matcher via = VIA.matcher(request);
        String branch = via.find() ? via.group(2).replaceAll(".*branch=([^;\\s]+).*", "$1") : "none";
        // Stateless (RFC 3261 §16.11): the same branch for an INVITE and its CANCEL, derived from theirs.
        int firstVia = via.start();
        String forwarded = request.substring(0, firstVia) + "Via: SIP/2.0/UDP " + self + ";branch=z9hG4bKpop"
                + Integer.toHexString(branch.hashCode()) + "\r\n" + request.substring(firstVia);
        send(forwarded, target);
    }

    private void relayResponse(String response) {
        Matcher ours = VIA.matcher(response);
        if (!ours.find() || !ours.group(1).equals(self)) {
            return;
        }
        String rest = response.substring(0, ours.start()) + response.substring(ours.end());
        Matcher next = VIA.matcher(rest);
        if (!next.find()) {
            return;
        }
        Matcher status = STATUS.matcher(rest);
        Matcher cseq = CSEQ.matcher(rest);
        if (status.find() && cseq.find() && cseq.group(1).equals("INVITE") && !status.group(1).startsWith("1")) {
            inviteFinals.computeIfAbsent(Integer.parseInt(status.group(1)), k -> new AtomicInteger()).incrementAndGet();
        }
        send(rest, address(next.group(1)));
    }

    private static String respond(String request, int status, String reason, String extra) {
        StringBuilder b = new StringBuilder("SIP/2.0 ").append(status).append(' ').append(reason).append("\r\n");
        for (String header : request.split("\r\n")) {
            String name = header.contains(":") ? header.substring(0, header.indexOf(':')) : "";
            switch (name) {
                case "Via", "v", "From", "f", "Call-ID", "i", "CSeq" -> b.append(header).append("\r\n");
                case "To", "t" -> b.append(header).append(header.contains(";tag=") ? "" : ";tag=pop").append("\r\n");
                case "Contact", "m" -> {
                    if (status == 200) {
                        b.append(header).append("\r\n");
                    }
                }
                default -> { }
            }
        }
        return b.append(extra).append("Content-Length: 0\r\n\r\n").toString();
    }

    private static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        return colon < 0 ? new InetSocketAddress(hostPort, 5060)
                : new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }

    private void send(String message, InetSocketAddress target) {
        byte[] out = message.getBytes(StandardCharsets.ISO_8859_1);
        try {
            socket.send(new DatagramPacket(out, out.length, target));
        } catch (Exception e) {
            // the test sees the missing message as a failed step
        }
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        thread.join(2000);
    }
}
