package io.sipdrill.app.bench;

import io.sipdrill.load.journal.Journal;
import io.sipdrill.load.journal.JournalEvent;
import org.HdrHistogram.Histogram;

/**
 * A journal that only counts: registrations done or failed, and transaction latency in the second
 * half of the run. Written by the event loop alone; read by the bench thread.
 */
final class BenchJournal implements Journal, BenchProgress {

    private volatile long halfMillis = Long.MAX_VALUE;
    private final Histogram secondHalfLatencyUs = new Histogram(60_000_000L, 3);
    private volatile int registered;
    private volatile int failed;
    private volatile long lastCompletionMillis;
    private volatile int secondHalfFirstHandset = Integer.MAX_VALUE;
    private volatile int secondHalfRegistered;

    /** Handsets from this index on start in the second half; their registrations are counted apart. */
    void secondHalfFromHandset(int index) {
        this.secondHalfFirstHandset = index;
    }

    @Override
    public int secondHalfStartsCompleted() {
        return secondHalfFirstHandset == Integer.MAX_VALUE ? -1 : secondHalfRegistered;
    }

    @Override
    public void secondHalfFrom(long millis) {
        this.halfMillis = millis;
    }

    @Override
    public void write(JournalEvent event) {
        if (event instanceof JournalEvent.Transaction tx) {
            if (tx.t() >= halfMillis && tx.latencyMs() != null) {
                secondHalfLatencyUs.recordValue(Math.min(60_000_000L, (long) (tx.latencyMs() * 1000)));
            }
            switch (tx.outcome()) {
                case "timeout", "rejected", "error" -> failed++;
                default -> { }
            }
        } else if (event instanceof JournalEvent.HandsetState s && "registered".equals(s.state())) {
            registered++;
            if (s.h() >= secondHalfFirstHandset) {
                secondHalfRegistered++;
            }
            lastCompletionMillis = s.t();
        }
    }

    /** Registrations that reached 200. */
    @Override public int completed() { return registered; }
    @Override public int failed() { return failed; }
    @Override public long lastCompletionMillis() { return lastCompletionMillis; }

    @Override
    public double secondHalfLatencyMs(double percentile) {
        return secondHalfLatencyUs.getTotalCount() == 0 ? Double.NaN : secondHalfLatencyUs.getValueAtPercentile(percentile) / 1000.0;
    }

    @Override public void flush() { }
    @Override public void close() { }
}
