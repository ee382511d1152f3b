package io.sipdrill.load.sip.auth;

import java.util.Map;

/**
 * A server's digest challenge, as read from a {@code WWW-Authenticate} or {@code Proxy-Authenticate}
 * header value.
 *
 * <pre>{@code
 * DigestChallenge c = DigestChallenge.parse(response.header("WWW-Authenticate"));
 * String auth = DigestAuthorizer.authorization(c, user, password, "REGISTER", uri, 1, cnonce);
 * }</pre>
 *
 * @param opaque    null when the server sent none
 * @param qopAuth   true when the server offers {@code qop=auth}; the client must then send cnonce and nc
 * @param stale     true when the previous nonce expired but the credentials were right: retry without asking the user
 */
public record DigestChallenge(String realm, String nonce, String opaque, DigestAlgorithm algorithm,
                              boolean qopAuth, boolean stale) {

    private static final String KIND = "WWW-Authenticate";

    /**
     * @throws IllegalArgumentException if the value is not a Digest challenge, lacks realm or nonce,
     *                                  or names an unsupported algorithm
     */
    public static DigestChallenge parse(String wwwAuthenticateValue) {
        Map<String, String> p = DigestParams.parse(wwwAuthenticateValue, KIND);
        return new DigestChallenge(
                DigestParams.require(p, "realm", KIND),
                DigestParams.require(p, "nonce", KIND),
                p.get("opaque"),
                DigestAlgorithm.fromToken(p.get("algorithm")),
                offersAuth(p.get("qop")),
                "true".equalsIgnoreCase(p.get("stale")));
    }

    private static boolean offersAuth(String qop) {
        if (qop == null) {
            return false;
        }
        for (String option : qop.split(",")) {
            if (option.strip().equalsIgnoreCase("auth")) {
                return true;
            }
        }
        return false;
    }
}
