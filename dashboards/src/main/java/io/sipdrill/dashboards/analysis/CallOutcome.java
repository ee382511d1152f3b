package io.sipdrill.dashboards.analysis;

import io.sipdrill.load.journal.JournalEvent.CallEnded;

/** How a call attempt ended, as the journal's {@code outcome} spells it; the live metrics count by it too. */
public enum CallOutcome {
    ANSWERED,
    VOICEMAIL,
    FAILED,
    CANCELLED;

    /**
     * An outcome this version does not know (a newer load module) counts as failed: a report must
     * not count an attempt it cannot read as served.
     */
    public static CallOutcome of(CallEnded call) {
        String outcome = call.outcome() == null ? "" : call.outcome().toLowerCase(java.util.Locale.ROOT);
        return switch (outcome) {
            case "answered" -> ANSWERED;
            case "voicemail" -> VOICEMAIL;
            case "cancelled" -> CANCELLED;
            default -> FAILED;
        };
    }
}
