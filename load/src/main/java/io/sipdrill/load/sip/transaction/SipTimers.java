package io.sipdrill.load.sip.transaction;

import java.time.Duration;

/**
 * RFC 3261 timer values (§17.1.2.2, Table 4). In a time-scaled drill every timer shrinks with the
 * drill clock, so a Timer F of 32 s real lasts 32/scale drill seconds and the report's
 * real-equivalent times stay meaningful.
 */
public record SipTimers(long t1Nanos, long t2Nanos, long t4Nanos) {

    public static final SipTimers RFC3261 = new SipTimers(
            Duration.ofMillis(500).toNanos(), Duration.ofSeconds(4).toNanos(), Duration.ofSeconds(5).toNanos());

    public SipTimers {
        if (t1Nanos <= 0 || t2Nanos < t1Nanos || t4Nanos <= 0) {
            throw new IllegalArgumentException("need 0 < T1 <= T2 and T4 > 0");
        }
    }

    /** The RFC values divided by the drill's time scale. */
    public static SipTimers scaled(double timeScale) {
        if (timeScale <= 0) {
            throw new IllegalArgumentException("time scale must be positive: " + timeScale);
        }
        return new SipTimers((long) (RFC3261.t1Nanos / timeScale), (long) (RFC3261.t2Nanos / timeScale),
                (long) (RFC3261.t4Nanos / timeScale));
    }

    /** Timer F (and B): 64·T1, the transaction timeout. */
    public long timeoutNanos() {
        return 64 * t1Nanos;
    }
}
