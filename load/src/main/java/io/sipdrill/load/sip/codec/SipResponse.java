package io.sipdrill.load.sip.codec;

/**
 * The parts of a SIP response a handset acts on. Integer headers that were absent are {@code -1};
 * string headers that were absent are {@code null}.
 *
 * @param branch            the branch parameter of the top Via (transaction key, RFC 3261 §17.1.3)
 * @param contactExpires    the expires parameter of the first Contact
 */
public record SipResponse(int statusCode, String reason, String branch, String cseqMethod, long cseqNumber,
                          String callId, String wwwAuthenticate, String proxyAuthenticate,
                          int expires, int contactExpires, int minExpires, int retryAfter) {

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
}
