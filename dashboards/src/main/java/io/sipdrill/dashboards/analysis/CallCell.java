package io.sipdrill.dashboards.analysis;

import io.sipdrill.load.journal.JournalEvent.Pop;

/** One non-empty cell of the POP × direction × phase breakdown. */
public record CallCell(Pop pop, String dir, Phase phase, CallStats stats) {
}
