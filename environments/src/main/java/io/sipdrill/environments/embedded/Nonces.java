package io.sipdrill.environments.embedded;

import io.sipdrill.load.sip.auth.DigestAlgorithm;
import io.sipdrill.load.time.Ticker;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Self-validating nonces: 16 hex digits of issue time followed by 16 hex digits of a keyed hash of it.
 * A registrar keeps no table of issued nonces, so 100,000 handsets cost it no memory, and it can still
 * tell its own nonces from others' and old from fresh. The hash is MD5 because this guards a test
 * harness against mix-ups, not attackers.
 */
final class Nonces {

    private static final int TIME_HEX = 16;
    private static final int MAC_HEX = 16;

    private final Ticker ticker;
    private final long lifetimeNanos;
    private final String secret;

    Nonces(Ticker ticker, Duration lifetime) {
        this.ticker = ticker;
        this.lifetimeNanos = lifetime.toNanos();
        byte[] key = new byte[16];
        new SecureRandom().nextBytes(key);
        // A fresh key per registrar: the backup POP does not accept the primary's nonces, as in the real thing.
        this.secret = HexFormat.of().formatHex(key);
    }

    String issue() {
        String time = HexFormat.of().toHexDigits(ticker.nanoTime());
        return time + mac(time);
    }

    NonceStatus check(String nonce) {
        if (nonce == null || nonce.length() != TIME_HEX + MAC_HEX) {
            return NonceStatus.UNKNOWN;
        }
        String time = nonce.substring(0, TIME_HEX);
        if (!mac(time).equals(nonce.substring(TIME_HEX))) {
            return NonceStatus.UNKNOWN;
        }
        long issued;
        try {
            issued = Long.parseUnsignedLong(time, 16);
        } catch (NumberFormatException e) {
            return NonceStatus.UNKNOWN;
        }
        // Subtract rather than compare: nanoTime values may be negative or wrap.
        return ticker.nanoTime() - issued > lifetimeNanos ? NonceStatus.STALE : NonceStatus.VALID;
    }

    private String mac(String time) {
        return DigestAlgorithm.MD5.hashHex(secret + time).substring(0, MAC_HEX);
    }
}
