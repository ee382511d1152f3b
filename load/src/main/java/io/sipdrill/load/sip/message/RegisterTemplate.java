package io.sipdrill.load.sip.message;

import io.sipdrill.load.sip.transport.SipTransport;

import java.nio.charset.StandardCharsets;

/**
 * Writes REGISTER requests (RFC 3261 §10.2) for one SIP domain. Everything that does not change
 * between requests is encoded to bytes once here; per request only the user, branch, tag, Call-ID,
 * CSeq, expiry and optional Authorization are appended.
 *
 * <pre>
 * REGISTER sip:DOMAIN SIP/2.0
 * Via: SIP/2.0/UDP HOST:PORT;rport;branch=BRANCH          (TLS: SIP/2.0/TLS, and Contact gets ;transport=tls)
 * From: &lt;sip:USER@DOMAIN&gt;;tag=TAG      To: &lt;sip:USER@DOMAIN&gt;
 * Call-ID: CALLID   CSeq: N REGISTER   Contact: &lt;sip:USER@HOST:PORT&gt;   Expires: S
 * </pre>
 */
public final class RegisterTemplate {

    private final String requestUri;
    private final byte[] requestLineAndVia;
    private final byte[] afterVia;
    private final byte[] fromStart;
    private final byte[] atDomain;
    private final byte[] atDomainTag;
    private final byte[] toStart;
    private final byte[] atDomainCallId;
    private final byte[] cseq;
    private final byte[] contact;
    private final byte[] expires;
    private final byte[] authorization;
    private final byte[] tail;

    /** REGISTERs over UDP. */
    public RegisterTemplate(String domain) {
        this(domain, SipTransport.UDP);
    }

    public RegisterTemplate(String domain, SipTransport transport) {
        this.requestUri = "sip:" + domain;
        this.requestLineAndVia = ascii("REGISTER " + requestUri + " SIP/2.0\r\nVia: SIP/2.0/" + transport.viaToken() + " ");
        this.afterVia = ascii(";rport;branch=");
        this.atDomainTag = ascii(">;tag=");
        this.toStart = ascii("\r\nTo: <sip:");
        this.atDomainCallId = ascii("@" + domain + ">\r\nCall-ID: ");
        this.cseq = ascii("\r\nCSeq: ");
        this.contact = ascii(" REGISTER\r\nContact: <sip:");
        this.expires = ascii(transport.contactParameter() + ">\r\nExpires: ");
        this.authorization = ascii("\r\nAuthorization: ");
        this.tail = ascii("\r\nUser-Agent: sipdrill\r\nContent-Length: 0\r\n\r\n");
        this.fromStart = ascii("\r\nMax-Forwards: 70\r\nFrom: <sip:");
        this.atDomain = ascii("@" + domain);
    }

    /** The Request-URI, which is also the digest {@code uri}. */
    public String requestUri() {
        return requestUri;
    }

    /**
     * Writes one REGISTER into {@code out} (reset first) and returns its bytes.
     *
     * @param localHostPort the sending socket's {@code host:port}, for Via and Contact
     * @param authorization the Authorization header value, or null for an unauthenticated request
     */
    public byte[] write(AsciiWriter out, byte[] localHostPort, String user, String branch, String fromTag,
                        String callId, long cseqNumber, long expiresSeconds, String authorization) {
        out.reset()
                .append(requestLineAndVia).append(localHostPort).append(afterVia).append(branch)
                .append(fromStart).append(user).append(atDomain).append(atDomainTag).append(fromTag)
                .append(toStart).append(user).append(atDomainCallId).append(callId)
                .append(cseq).append(cseqNumber)
                .append(contact).append(user).append("@").append(localHostPort)
                .append(expires).append(expiresSeconds);
        if (authorization != null) {
            out.append(this.authorization).append(authorization);
        }
        return out.append(tail).toByteArray();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
