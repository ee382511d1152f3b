package io.sipdrill.dashboards.live;

import io.sipdrill.load.journal.Journal;
import io.sipdrill.load.journal.JournalEvent;

/**
 * A journal that passes every event on and counts it in {@link LiveMetrics}: the live series and
 * the report are fed by the same events. Made by {@link LiveMetrics#tee}.
 */
final class MeteredJournal implements Journal {

    private final Journal journal;
    private final LiveMetrics metrics;

    MeteredJournal(Journal journal, LiveMetrics metrics) {
        this.journal = journal;
        this.metrics = metrics;
    }

    @Override
    public void write(JournalEvent event) {
        journal.write(event); // the journal first: a metric must never cost the report an event
        metrics.record(event);
    }

    @Override
    public void flush() {
        journal.flush();
    }

    @Override
    public void close() {
        journal.close();
    }
}
