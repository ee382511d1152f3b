package io.sipdrill.load.calls;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long people take: the callee rings before answering, the caller talks, and gives up after
 * ringing too long. Ring and talk are drawn uniformly between their min and max, per call.
 * Real time (media is real time even in a time-scaled drill).
 */
public record CallTimes(Duration ringMin, Duration ringMax, Duration talkMin, Duration talkMax, Duration giveUpAfter) {

    /** Desk-phone defaults: ring 1–3 s, talk 5–10 s, the caller hangs up after 60 s of ringing. */
    public static final CallTimes DEFAULT = new CallTimes(Duration.ofSeconds(1), Duration.ofSeconds(3),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(60));

    public CallTimes {
        if (ringMin.isNegative() || ringMax.compareTo(ringMin) < 0 || talkMin.isNegative()
                || talkMax.compareTo(talkMin) < 0 || giveUpAfter.isNegative() || giveUpAfter.isZero()) {
            throw new IllegalArgumentException("call times need 0 <= min <= max and a positive give-up time");
        }
    }

    long ringNanos() {
        return between(ringMin, ringMax);
    }

    long talkNanos() {
        return between(talkMin, talkMax);
    }

    private static long between(Duration min, Duration max) {
        long lo = min.toNanos();
        long hi = max.toNanos();
        return hi == lo ? lo : ThreadLocalRandom.current().nextLong(lo, hi + 1);
    }
}
