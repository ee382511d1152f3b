package io.sipdrill.dashboards.analysis;

/**
 * How the handsets that reached the backup came home. Times are real-equivalent seconds from tR,
 * null when never reached (or when there was no recovery or nobody to bring back). The counts
 * describe the end of the drill.
 */
public record Failback(Double t50S, Double t90S, Double t100S,
                       int returned, Double returnedPrimaryPct,
                       int stuckOnBackup, Double stuckOnBackupPct) {
}
