package io.sipdrill.load.sip.call;

import io.sipdrill.load.sip.codec.SipMessage;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes the messages of a call (RFC 3261 §13–§15, §8.2.6): INVITE, ACK, BYE and CANCEL on the
 * caller's side, responses on the callee's. Calls are rare next to registrations, so these are
 * plain string builders rather than byte templates.
 */
final class CallMessages {

    private static final String USER_AGENT = "User-Agent: sipdrill\r\n";

    private CallMessages() {
    }

    /** A dialog-creating INVITE with an SDP offer. */
    static byte[] invite(String requestUri, String viaHostPort, String branch, String fromUri, String fromTag,
                         String toUri, String callId, long cseq, String contactUri, String sdp) {
        StringBuilder b = new StringBuilder(900);
        b.append("INVITE ").append(requestUri).append(" SIP/2.0\r\n");
        via(b, viaHostPort, branch);
        b.append("Max-Forwards: 70\r\n");
        b.append("From: <").append(fromUri).append(">;tag=").append(fromTag).append("\r\n");
        b.append("To: <").append(toUri).append(">\r\n");
        b.append("Call-ID: ").append(callId).append("\r\n");
        b.append("CSeq: ").append(cseq).append(" INVITE\r\n");
        b.append("Contact: <").append(contactUri).append(">\r\n");
        b.append("Allow: INVITE, ACK, BYE, CANCEL, OPTIONS\r\n");
        b.append(USER_AGENT);
        return withBody(b, sdp);
    }

    /**
     * A request inside a dialog (ACK for a 2xx, BYE): to the remote target, through the route set,
     * with a new branch (RFC 3261 §12.2.1.1).
     */
    static byte[] inDialog(String method, Dialog dialog, String viaHostPort, String branch, long cseq) {
        StringBuilder b = new StringBuilder(600);
        b.append(method).append(' ').append(dialog.remoteTarget()).append(" SIP/2.0\r\n");
        via(b, viaHostPort, branch);
        b.append("Max-Forwards: 70\r\n");
        for (String route : dialog.routeSet()) {
            b.append("Route: ").append(route).append("\r\n");
        }
        b.append("From: <").append(dialog.localUri()).append(">;tag=").append(dialog.localTag()).append("\r\n");
        b.append("To: <").append(dialog.remoteUri()).append(">;tag=").append(dialog.remoteTag()).append("\r\n");
        b.append("Call-ID: ").append(dialog.callId()).append("\r\n");
        b.append("CSeq: ").append(cseq).append(' ').append(method).append("\r\n");
        b.append(USER_AGENT);
        return withBody(b, "");
    }

    /**
     * The ACK for a 3xx–6xx, or a CANCEL (RFC 3261 §17.1.1.3, §9.1): the INVITE's Request-URI,
     * top Via (same branch), From and Call-ID; To as in the response (ACK) or the INVITE (CANCEL).
     */
    static byte[] sameTransaction(String method, SipMessage invite, String to) {
        StringBuilder b = new StringBuilder(500);
        b.append(method).append(' ').append(invite.requestUri()).append(" SIP/2.0\r\n");
        b.append("Via: ").append(invite.vias().get(0)).append("\r\n");
        b.append("Max-Forwards: 70\r\n");
        b.append("From: ").append(invite.headers().first("From")).append("\r\n");
        b.append("To: ").append(to).append("\r\n");
        b.append("Call-ID: ").append(invite.callId()).append("\r\n");
        b.append("CSeq: ").append(invite.cseqNumber()).append(' ').append(method).append("\r\n");
        b.append(USER_AGENT);
        return withBody(b, "");
    }

    /**
     * A response to {@code request} (RFC 3261 §8.2.6.2): Via, From, Call-ID and CSeq copied, our
     * tag added to To unless the request already has one or this is a 100; Record-Route copied
     * and Contact added for responses that make a dialog.
     */
    static byte[] response(SipMessage request, int status, String reason, String localTag, String contactUri,
                           String sdp) {
        StringBuilder b = new StringBuilder(700);
        b.append("SIP/2.0 ").append(status).append(' ').append(reason).append("\r\n");
        for (String via : request.headers().all("Via")) {
            b.append("Via: ").append(via).append("\r\n");
        }
        boolean dialogForming = "INVITE".equals(request.method()) && status > 100 && status < 300;
        if (dialogForming) {
            for (String rr : request.headers().all("Record-Route")) {
                b.append("Record-Route: ").append(rr).append("\r\n");
            }
        }
        b.append("From: ").append(request.headers().first("From")).append("\r\n");
        String to = request.headers().first("To");
        b.append("To: ").append(to);
        if (status > 100 && request.toTag() == null && localTag != null) {
            b.append(";tag=").append(localTag);
        }
        b.append("\r\n");
        b.append("Call-ID: ").append(request.callId()).append("\r\n");
        b.append("CSeq: ").append(request.headers().first("CSeq")).append("\r\n");
        if (dialogForming && contactUri != null) {
            b.append("Contact: <").append(contactUri).append(">\r\n");
        }
        b.append(USER_AGENT);
        return withBody(b, sdp == null ? "" : sdp);
    }

    /** The route set a caller keeps: the 2xx's Record-Route in reverse (RFC 3261 §12.1.2). */
    static List<String> reversed(List<String> recordRoutes) {
        List<String> copy = new java.util.ArrayList<>(recordRoutes);
        java.util.Collections.reverse(copy);
        return List.copyOf(copy);
    }

    private static void via(StringBuilder b, String hostPort, String branch) {
        b.append("Via: SIP/2.0/UDP ").append(hostPort).append(";rport;branch=").append(branch).append("\r\n");
    }

    private static byte[] withBody(StringBuilder b, String body) {
        if (!body.isEmpty()) {
            b.append("Content-Type: application/sdp\r\n");
        }
        b.append("Content-Length: ").append(body.getBytes(StandardCharsets.ISO_8859_1).length).append("\r\n\r\n");
        b.append(body);
        return b.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
