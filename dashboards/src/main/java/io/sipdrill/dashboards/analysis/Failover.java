package io.sipdrill.dashboards.analysis;

/**
 * How the population moved to the backup POP. Times are real-equivalent seconds from t0 and null
 * when that share was never on the backup at once; {@code reached} counts population handsets
 * registered on the backup at any time after t0. T100 is null whenever one handset of the
 * population never made it (a fleet's usual case), which is what a run-vs-baseline comparison wants to see.
 */
public record Failover(Double t50S, Double t90S, Double t100S, int reached, Double reachedBackupPct) {
}
