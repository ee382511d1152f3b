package io.sipdrill.load.rtp;

import java.util.random.RandomGenerator;

/**
 * Drops outgoing packets on purpose, each independently with the same probability (random loss,
 * what the E-model's BurstR = 1 assumes), so media tests can check that the receiving side
 * measures the loss they asked for. The random source is injected: a seeded one makes a test
 * exact. Not thread-safe: only the engine's thread asks.
 */
final class LossSeam {

    private final double share;
    private final RandomGenerator random;
    private long dropped;

    /** @param share 0 (never) .. 1 (always) */
    LossSeam(double share, RandomGenerator random) {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("RTP loss share must be between 0 and 1: " + share);
        }
        this.share = share;
        this.random = random;
    }

    /** True if the next packet is to be dropped (and counted). */
    boolean drop() {
        // No draw without loss: a seeded run with loss 0 leaves the random source untouched.
        if (share > 0 && random.nextDouble() < share) {
            dropped++;
            return true;
        }
        return false;
    }

    double share() {
        return share;
    }

    long dropped() {
        return dropped;
    }
}
