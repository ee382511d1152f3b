package io.sipdrill.load.sip.auth;

/**
 * Answers a digest challenge on the client side: builds the {@code Authorization} header value.
 *
 * <pre>{@code
 * String value = DigestAuthorizer.authorization(challenge, "1001", "pw-1001", "REGISTER",
 *         "sip:127.0.1.1", 1, "a1b2c3");
 * }</pre>
 */
public final class DigestAuthorizer {

    /** The only qop we implement; auth-int would need the body hashed. */
    static final String QOP_AUTH = "auth";

    private DigestAuthorizer() {
    }

    /**
     * @param nc     nonce count, 1 for the first use of this nonce
     * @param cnonce client nonce; used only when the challenge offers {@code qop=auth}
     * @return the full header value, starting with {@code Digest }
     */
    public static String authorization(DigestChallenge c, String user, String password, String method,
                                       String uri, int nc, String cnonce) {
        boolean qop = c.qopAuth();
        String ncHex = qop ? nonceCount(nc) : null;
        String response = response(c.algorithm(), user, c.realm(), password, method, uri, c.nonce(),
                qop ? ncHex : null, qop ? cnonce : null);
        StringBuilder sb = new StringBuilder(256)
                .append("Digest username=\"").append(user)
                .append("\",realm=\"").append(c.realm())
                .append("\",nonce=\"").append(c.nonce())
                .append("\",uri=\"").append(uri)
                .append("\",response=\"").append(response)
                .append("\",algorithm=").append(c.algorithm().token());
        if (qop) {
            sb.append(",cnonce=\"").append(cnonce)
                    .append("\",qop=").append(QOP_AUTH)
                    .append(",nc=").append(ncHex);
        }
        if (c.opaque() != null) {
            sb.append(",opaque=\"").append(c.opaque()).append('"');
        }
        return sb.toString();
    }

    /**
     * The request-digest of RFC 2617 §3.2.2.1 / RFC 7616 §3.4.1. With {@code nc == null} it is the
     * RFC 2069 form that RFC 3261 still allows when the server offers no qop.
     */
    static String response(DigestAlgorithm alg, String user, String realm, String password, String method,
                           String uri, String nonce, String nc, String cnonce) {
        String ha1 = alg.hashHex(user + ':' + realm + ':' + password);
        String ha2 = alg.hashHex(method + ':' + uri);
        return alg.hashHex(responseInput(ha1, ha2, nonce, nc, cnonce));
    }

    static String responseInput(String ha1, String ha2, String nonce, String nc, String cnonce) {
        StringBuilder sb = new StringBuilder(ha1.length() * 2 + nonce.length() + 64).append(ha1).append(':').append(nonce);
        if (nc != null) {
            sb.append(':').append(nc).append(':').append(cnonce).append(':').append(QOP_AUTH);
        }
        return sb.append(':').append(ha2).toString();
    }

    /** Eight lowercase hex digits, as the nc parameter requires; hand-rolled because String.format is slow. */
    static String nonceCount(int nc) {
        char[] out = new char[8];
        for (int i = 7; i >= 0; i--) {
            out[i] = Character.forDigit(nc & 0xf, 16);
            nc >>>= 4;
        }
        return new String(out);
    }
}
