package io.sipdrill.dashboards.analysis;

/**
 * Latency percentiles (REGISTER, call setup, post-dial delay) in wall milliseconds as measured,
 * never scaled; null when no samples.
 */
public record LatencySummary(int count, Double p50, Double p95, Double p99) {
}
