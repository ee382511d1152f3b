package io.sipdrill.load.handset;

import java.time.Duration;

/**
 * How a handset behaves, in drill time (already divided by the time scale).
 *
 * @param expires          the registration interval requested
 * @param refreshMin       refresh no earlier than this share of the granted interval …
 * @param refreshMax       … and no later than this share (each handset picks its own point)
 * @param failoverAfter    failed REGISTER tries on one POP before moving to the other
 * @param retryDelay       pause before retrying the same POP (a 503 Retry-After can lengthen it)
 * @param failback         when to try the primary again after failing over
 * @param failbackTimeout  for {@link FailbackMode#DURATION}: time on the backup before trying the primary
 */
public record HandsetProfile(Duration expires, double refreshMin, double refreshMax, int failoverAfter,
                             Duration retryDelay, FailbackMode failback, Duration failbackTimeout) {

    public HandsetProfile {
        if (expires.isNegative() || expires.isZero()) {
            throw new IllegalArgumentException("expires must be positive");
        }
        if (!(refreshMin > 0 && refreshMin <= refreshMax && refreshMax < 1)) {
            throw new IllegalArgumentException("need 0 < refreshMin <= refreshMax < 1");
        }
        if (failoverAfter < 1) {
            throw new IllegalArgumentException("failoverAfter must be at least 1");
        }
    }

    /**
     * Where handset {@code index} refreshes, between refreshMin and refreshMax of the interval, from a
     * low-discrepancy (R2) sequence, so refreshes never synchronise into waves.
     */
    public double refreshShareFor(long index) {
        double u = (index * 0.7548776662466927) % 1.0;
        return refreshMin + (refreshMax - refreshMin) * u;
    }

    public HandsetProfile withFailback(FailbackMode mode, Duration timeout) {
        return new HandsetProfile(expires, refreshMin, refreshMax, failoverAfter, retryDelay, mode, timeout);
    }
}
