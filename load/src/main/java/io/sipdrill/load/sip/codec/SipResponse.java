package io.sipdrill.load.sip.codec;

/**
 * The parts of a SIP response a handset acts on. Integer headers that were absent are {@code -1};
 * string headers that were absent are {@code null}.
 *
 * @param branch            the branch parameter of the top Via (transaction key, RFC 3261 §17.1.3)
 * @param contactExpires    the expires parameter of the first Contact
 * @param headers           every header line, kept only by a codec asked to keep them (load-test
 *                          checks read them); null otherwise
 * @param message           the whole message (tags, Contact, Record-Route, body) for responses to
 *                          calls; null for registrations, whose hot path never needs it
 */
public record SipResponse(int statusCode, String reason, String branch, String cseqMethod, long cseqNumber,
                          String callId, String wwwAuthenticate, String proxyAuthenticate,
                          int expires, int contactExpires, int minExpires, int retryAfter, SipHeaders headers,
                          SipMessage message) {

    /** A response whose header lines were not kept: what the handsets' hot path decodes. */
    public SipResponse(int statusCode, String reason, String branch, String cseqMethod, long cseqNumber,
                       String callId, String wwwAuthenticate, String proxyAuthenticate,
                       int expires, int contactExpires, int minExpires, int retryAfter) {
        this(statusCode, reason, branch, cseqMethod, cseqNumber, callId, wwwAuthenticate, proxyAuthenticate,
                expires, contactExpires, minExpires, retryAfter, null, null);
    }

    /** This response with its whole message attached (what call transactions read). */
    public SipResponse withMessage(SipMessage whole) {
        return new SipResponse(statusCode, reason, branch, cseqMethod, cseqNumber, callId, wwwAuthenticate,
                proxyAuthenticate, expires, contactExpires, minExpires, retryAfter, whole.headers(), whole);
    }

    public boolean isProvisional() {
        return statusCode < 200;
    }

    public boolean isSuccess() {
        return statusCode >= 200 && statusCode < 300;
    }

    /** The challenge to answer, from WWW-Authenticate (401) or Proxy-Authenticate (407). */
    public String challenge() {
        return wwwAuthenticate != null ? wwwAuthenticate : proxyAuthenticate;
    }

    /**
     * The first value of header {@code name} (case-insensitive; compact forms match too), or null
     * when it is absent or when the codec did not keep header lines ({@link #headers()} is null).
     */
    public String header(String name) {
        return headers == null ? null : headers.first(name);
    }
}
