package io.sipdrill.dashboards.analysis;

/**
 * Converts drill time (scaled, as the journal records it) to real-equivalent time: a drill run at
 * 60× compresses an hour into a minute, and the report speaks in the hour.
 */
public record TimeScale(double factor) {

    public TimeScale {
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("time scale must be a positive number, got " + factor);
        }
    }

    /** A journal without a usable scale ran in real time. */
    static TimeScale orUnscaled(double factor) {
        return factor > 0 && !Double.isInfinite(factor) ? new TimeScale(factor) : new TimeScale(1);
    }

    /** Real-equivalent seconds for a drill duration or instant in milliseconds. */
    public double realSeconds(long drillMs) {
        return drillMs / 1000.0 * factor;
    }
}
