package io.sipdrill.dashboards.analysis;

/**
 * The calls of one group (all of them, one POP, one direction, one phase, or one cell of those).
 * {@code setupMs} (INVITE → 200) covers calls a handset or the far end answered; voicemail answers
 * are left out because their setup is the PBX's no-answer timer, not the path's speed.
 * {@code pddMs} (INVITE → first 180/183) covers every call that rang, whatever its end.
 * {@code retransmitsPerCall} = every SIP retransmission the calls caused ÷ attempted (null when none).
 */
public record CallStats(CallCounts counts, LatencySummary setupMs, LatencySummary pddMs, long retransmits,
                        Double retransmitsPerCall) {
}
