package io.sipdrill.dashboards.analysis;

import io.sipdrill.load.journal.JournalEvent.Pop;

/**
 * An operator's DDI routing switch ({@code atS}: real-equivalent seconds since the drill started)
 * and how the inbound calls sent to {@code to} fared from then until the next switch or the end.
 */
public record DdiSwitchResult(double atS, Pop to, String reason, CallCounts inboundAfter) {
}
