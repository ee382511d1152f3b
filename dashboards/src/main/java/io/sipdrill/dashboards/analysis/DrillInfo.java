package io.sipdrill.dashboards.analysis;

/**
 * What ran, from the journal's first and last lines. {@code endReason} is null when the run was cut
 * off before it could write its last line; {@code durationS} is real-equivalent seconds.
 */
public record DrillInfo(String drill, String env, int handsets, double timeScale,
                        String primary, String backup, String endReason, double durationS) {
}
