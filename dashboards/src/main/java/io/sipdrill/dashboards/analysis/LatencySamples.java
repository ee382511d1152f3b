package io.sipdrill.dashboards.analysis;

import java.util.Arrays;

/**
 * Collects latencies and reports exact nearest-rank percentiles. Exact (sorting) rather than a
 * histogram because a drill's REGISTER count fits in memory many times over next to the events
 * already read, and exact values make the report checkable by hand.
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

    LatencySummary summary() {
        if (size == 0) {
            return new LatencySummary(0, null, null, null);
        }
        double[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        return new LatencySummary(size, at(sorted, 50), at(sorted, 95), at(sorted, 99));
    }

    /** Nearest rank: the smallest sample with at least p% of samples at or below it. */
    private static double at(double[] sorted, double percentile) {
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length - 1e-9);
        return Rounding.round(sorted[Math.max(0, rank - 1)], Rounding.LATENCY_MS);
    }
}
