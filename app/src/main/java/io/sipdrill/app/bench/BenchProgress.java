package io.sipdrill.app.bench;

/**
 * What an in-process load has done so far, as the bench's measurement reads it: written by the SIP
 * event loop, read by the bench thread.
 */
interface BenchProgress {

    /** Operations that completed (a registration, a call set up and hung up). */
    int completed();

    /** Operations that failed for good. */
    int failed();

    /** Clock time (ms) of the last completion. */
    long lastCompletionMillis();

    /**
     * Of the operations started in the second half, those that completed; -1 when the load cannot
     * tell them apart (then completions after half time stand in for them).
     */
    default int secondHalfStartsCompleted() {
        return -1;
    }

    /** From this clock time (ms) on, latencies count as the second half (steady state). */
    void secondHalfFrom(long millis);

    /** p99 latency (ms) of the second half; call once the loop has stopped writing. */
    default double p99Ms() {
        return secondHalfLatencyMs(99);
    }

    /** A percentile (0-100) of the second half's latency in ms, NaN when nothing was measured there. */
    double secondHalfLatencyMs(double percentile);
}
