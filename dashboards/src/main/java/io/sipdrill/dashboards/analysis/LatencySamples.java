package io.sipdrill.dashboards.analysis;

import java.util.Arrays;

/**
 * Collects latencies (and other per-transaction or per-call samples: RTP loss, jitter, MOS) and
 * reports exact nearest-rank percentiles. Exact (sorting) rather than a histogram because a drill's
 * REGISTER count fits in memory many times over next to the events already read, and exact values
 * make the report checkable by hand.
 */
final class LatencySamples {

    private double[] values = new double[64];
    private int size;

    void add(double latencyMs) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = latencyMs;
    }

    int count() {
        return size;
    }

    LatencySummary summary() {
        if (size == 0) {
            return new LatencySummary(0, null, null, null);
        }
        double[] sorted = sorted();
        return new LatencySummary(size, at(sorted, 50, Rounding.LATENCY_MS), at(sorted, 95, Rounding.LATENCY_MS),
                at(sorted, 99, Rounding.LATENCY_MS));
    }

    /** The nearest-rank percentile rounded to {@code digits}; null without samples (not 0: nothing was measured). */
    Double percentile(double percentile, int digits) {
        return size == 0 ? null : at(sorted(), percentile, digits);
    }

    /** The arithmetic mean rounded to {@code digits}; null without samples. */
    Double mean(int digits) {
        if (size == 0) {
            return null;
        }
        double sum = 0;
        for (int i = 0; i < size; i++) {
            sum += values[i];
        }
        return Rounding.round(sum / size, digits);
    }

    private double[] sorted() {
        double[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        return sorted;
    }

    /** Nearest rank: the smallest sample with at least p% of samples at or below it. */
    private static double at(double[] sorted, double percentile, int digits) {
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length - 1e-9);
        return Rounding.round(sorted[Math.max(0, rank - 1)], digits);
    }
}
