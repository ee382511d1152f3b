package io.sipdrill.load.sip.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * The digest hash functions SIP registrars offer. Each constant keeps one {@link MessageDigest} per
 * thread, because a handset computes three hashes per REGISTER and {@code getInstance} is costly.
 */
public enum DigestAlgorithm {
    MD5("MD5", "MD5"),
    SHA_256("SHA-256", "SHA-256");

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final String token;
    private final ThreadLocal<MessageDigest> digest;

    DigestAlgorithm(String token, String jcaName) {
        this.token = token;
        this.digest = ThreadLocal.withInitial(() -> newDigest(jcaName));
    }

    /** The name as written in the {@code algorithm} parameter, e.g. {@code SHA-256}. */
    public String token() {
        return token;
    }

    /**
     * Reads an {@code algorithm} parameter; case-insensitive. A missing one means MD5 (RFC 2617 §3.2.1).
     *
     * @throws IllegalArgumentException for algorithms we do not implement (e.g. {@code MD5-sess})
     */
    public static DigestAlgorithm fromToken(String t) {
        if (t == null || t.isEmpty()) {
            return MD5;
        }
        for (DigestAlgorithm a : values()) {
            if (a.token.equalsIgnoreCase(t)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unsupported digest algorithm '" + t + "' (supported: MD5, SHA-256)");
    }

    /** Lowercase hex of the hash of the UTF-8 bytes of {@code s}. */
    public String hashHex(String s) {
        MessageDigest md = digest.get();
        // digest() resets the instance, so the thread-local copy is clean for the next call.
        return toHex(md.digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    /** Raw hash bytes, for constant-time comparison. */
    byte[] hash(String s) {
        return digest.get().digest(s.getBytes(StandardCharsets.UTF_8));
    }

    static String toHex(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0, j = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            out[j++] = HEX[b >>> 4];
            out[j++] = HEX[b & 0x0f];
        }
        return new String(out);
    }

    private static MessageDigest newDigest(String jcaName) {
        try {
            return MessageDigest.getInstance(jcaName);
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must ship MD5 and SHA-256, so this is a broken JRE.
            throw new IllegalStateException(jcaName.toLowerCase(Locale.ROOT) + " not available", e);
        }
    }
}
