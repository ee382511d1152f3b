package io.sipdrill.dashboards.analysis;

/**
 * How the population moved to the backup POP. Times are real-equivalent seconds from t0 and null
 * when that share was never on the backup at once; {@code reached} counts population handsets
 * registered on the backup at any time after t0.
 */
public record Failover(Double t50S, Double t90S, int reached, Double reachedBackupPct) {
}
