package io.sipdrill.dashboards.analysis;

/**
 * One injected fault, in real-equivalent seconds since the drill started. {@code endS} is null when
 * the journal never saw the fault removed (the run was killed, or the fault outlived the drill).
 */
public record FaultWindow(String name, String target, double startS, Double endS) {
}
