package io.sipdrill.load.sip.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;

/**
 * Checks a client's digest answer on the server side by recomputing it. It checks only the
 * arithmetic; whether the nonce is one we issued and still fresh is the server's business.
 */
public final class DigestVerifier {

    private DigestVerifier() {
    }

    /** @return true if {@code c.response()} matches what {@code password} gives for this request */
    public static boolean verify(DigestCredentials c, String method, String password) {
        String nc = null;
        String cnonce = null;
        if (c.qop() != null) {
            if (!DigestAuthorizer.QOP_AUTH.equalsIgnoreCase(c.qop()) || c.nc() == null || c.cnonce() == null) {
                return false;
            }
            nc = c.nc();
            cnonce = c.cnonce();
        }
        String expected = DigestAuthorizer.response(c.algorithm(), c.username(), c.realm(), password, method,
                c.uri(), c.nonce(), nc, cnonce);
        // Constant time, so response timing does not leak how many leading characters matched.
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                c.response().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }
}
