package io.sipdrill.environments.embedded;

import java.time.Duration;

/**
 * How much work a simulated server can do: {@code workers} requests in service at once, each taking
 * {@code serviceTime}, and at most {@code queueLimit} more waiting before new ones are dropped.
 *
 * @param queueLimit how many requests may wait; beyond that arrivals are lost, as on a full UDP socket buffer
 */
public record CapacitySettings(int workers, int queueLimit, Duration serviceTime) {

    public CapacitySettings {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
        if (queueLimit < 0) {
            throw new IllegalArgumentException("queueLimit must not be negative, got " + queueLimit);
        }
        if (serviceTime == null || serviceTime.isNegative()) {
            throw new IllegalArgumentException("serviceTime must be zero or positive, got " + serviceTime);
        }
    }

    /**
     * 4 workers at 500 µs each: about 8,000 requests/s, comfortably above a drill's normal load but low
     * enough that a capacity factor of 0.1 overloads it.
     */
    public static CapacitySettings defaults() {
        return new CapacitySettings(4, 1024, Duration.ofNanos(500_000));
    }

    /** Requests per second the server sustains at capacity factor 1. */
    public double throughputPerSecond() {
        return serviceTime.isZero() ? Double.POSITIVE_INFINITY : workers * 1e9 / serviceTime.toNanos();
    }
}
