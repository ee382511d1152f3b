package io.sipdrill.environments.fuzz;

import java.nio.charset.StandardCharsets;

/**
 * One torture message: a name saying what it tests, whether RFC 3261 makes it valid (tricky but
 * acceptable: a receiver may answer it) or invalid, and its text with placeholders filled in by
 * {@link #bytes}: {@code $TARGET} (the receiver's host:port), {@code $CLIENT} (the sender's
 * host:port) and {@code $N} (a number making branch and Call-ID unique per send).
 */
public record TortureMessage(String name, Validity validity, String text) {

    public enum Validity {
        /** Well-formed, however unusual: a receiver may process and answer it. */
        VALID,
        /** Breaks RFC 3261's grammar or rules: a receiver must not act on it as sent. */
        INVALID
    }

    /** The message as sent: placeholders replaced, every bare {@code \n} of the text kept as written. */
    public byte[] bytes(String target, String client, long n) {
        return text.replace("$TARGET", target).replace("$CLIENT", client).replace("$N", Long.toString(n))
                .getBytes(StandardCharsets.ISO_8859_1);
    }
}
