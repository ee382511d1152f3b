package io.sipdrill.load.journal;

/** Where drill events go. Implementations must be safe to call from any thread and must never block long. */
public interface Journal extends AutoCloseable {

    void write(JournalEvent event);

    /** Forces what has been written so far to disk. */
    void flush();

    @Override
    void close();

    /** A journal that keeps nothing, for benchmarks that only want counters. */
    static Journal discarding() {
        return new Journal() {
            @Override public void write(JournalEvent event) { }
            @Override public void flush() { }
            @Override public void close() { }
        };
    }
}
