package io.sipdrill.load.sip.message;

import java.nio.charset.StandardCharsets;

/**
 * Writes OPTIONS requests (RFC 3261 §11) to a server of one SIP domain: the "are you there" probe
 * that keep-alive monitors and load tests send. Constant parts are encoded once, as in
 * {@link RegisterTemplate}.
 *
 * <pre>
 * OPTIONS sip:DOMAIN SIP/2.0
 * Via: SIP/2.0/UDP HOST:PORT;rport;branch=BRANCH
 * From: &lt;sip:USER@DOMAIN&gt;;tag=TAG      To: &lt;sip:DOMAIN&gt;
 * Call-ID: CALLID   CSeq: N OPTIONS   Contact: &lt;sip:USER@HOST:PORT&gt;   Accept: application/sdp
 * </pre>
 */
public final class OptionsTemplate {

    private final byte[] requestLineAndVia;
    private final byte[] afterVia;
    private final byte[] fromStart;
    private final byte[] atDomainTag;
    private final byte[] toAndCallId;
    private final byte[] cseq;
    private final byte[] contact;
    private final byte[] tail;

    public OptionsTemplate(String domain) {
        this.requestLineAndVia = ascii("OPTIONS sip:" + domain + " SIP/2.0\r\nVia: SIP/2.0/UDP ");
        this.afterVia = ascii(";rport;branch=");
        this.fromStart = ascii("\r\nMax-Forwards: 70\r\nFrom: <sip:");
        this.atDomainTag = ascii("@" + domain + ">;tag=");
        this.toAndCallId = ascii("\r\nTo: <sip:" + domain + ">\r\nCall-ID: ");
        this.cseq = ascii("\r\nCSeq: ");
        this.contact = ascii(" OPTIONS\r\nContact: <sip:");
        this.tail = ascii(">\r\nAccept: application/sdp\r\nUser-Agent: sipdrill\r\nContent-Length: 0\r\n\r\n");
    }

    /**
     * Writes one OPTIONS into {@code out} (reset first) and returns its bytes.
     *
     * @param localHostPort the sending socket's {@code host:port}, for Via and Contact
     */
    public byte[] write(AsciiWriter out, byte[] localHostPort, String user, String branch, String fromTag,
                        String callId, long cseqNumber) {
        return out.reset()
                .append(requestLineAndVia).append(localHostPort).append(afterVia).append(branch)
                .append(fromStart).append(user).append(atDomainTag).append(fromTag)
                .append(toAndCallId).append(callId)
                .append(cseq).append(cseqNumber)
                .append(contact).append(user).append("@").append(localHostPort)
                .append(tail).toByteArray();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
