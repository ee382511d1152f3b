package io.sipdrill.load.sip.auth;

import java.util.Map;

/**
 * A client's digest answer, as read by a server from an {@code Authorization} or
 * {@code Proxy-Authorization} header value.
 *
 * @param cnonce null unless qop is present
 * @param qop    null when the client answered an RFC 2069-style challenge
 * @param nc     the nonce count as sent (eight hex digits), null unless qop is present
 * @param opaque null when the client sent none
 */
public record DigestCredentials(String username, String realm, String nonce, String uri, String response,
                                DigestAlgorithm algorithm, String cnonce, String qop, String nc, String opaque) {

    private static final String KIND = "Authorization";

    /**
     * @throws IllegalArgumentException if not a Digest header, a required parameter is missing, or the
     *                                  algorithm is unsupported
     */
    public static DigestCredentials parse(String authorizationValue) {
        Map<String, String> p = DigestParams.parse(authorizationValue, KIND);
        return new DigestCredentials(
                DigestParams.require(p, "username", KIND),
                DigestParams.require(p, "realm", KIND),
                DigestParams.require(p, "nonce", KIND),
                DigestParams.require(p, "uri", KIND),
                DigestParams.require(p, "response", KIND),
                DigestAlgorithm.fromToken(p.get("algorithm")),
                p.get("cnonce"),
                p.get("qop"),
                p.get("nc"),
                p.get("opaque"));
    }
}
