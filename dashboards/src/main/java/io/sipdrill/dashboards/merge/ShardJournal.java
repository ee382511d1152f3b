package io.sipdrill.dashboards.merge;

import io.sipdrill.load.journal.JournalEvent;
import io.sipdrill.load.journal.JournalEvent.DrillStarted;

import java.nio.file.Path;
import java.util.List;

/** One shard's journal as read: where it came from, its drill line and all its events. */
public record ShardJournal(Path file, DrillStarted start, List<JournalEvent> events) {

    /** @throws JournalMismatchException when the events hold no drill line */
    public static ShardJournal of(Path file, List<JournalEvent> events) {
        DrillStarted start = events.stream().filter(DrillStarted.class::isInstance).map(DrillStarted.class::cast)
                .findFirst().orElseThrow(() -> new JournalMismatchException(file, "journal has no drill line (ev=drill)"));
        return new ShardJournal(file, start, events);
    }
}
