package io.sipdrill.app.bench;

import io.sipdrill.load.sip.call.CallOutcome;
import io.sipdrill.load.sip.call.CallResult;
import io.sipdrill.load.time.DrillClock;
import org.HdrHistogram.Histogram;

/**
 * Counts the bench's calls as they end: completed (answered, then hung up with BYE → 200) or
 * failed, and the setup time (INVITE → 200) of calls that ended in the second half of the run.
 * Written by the event loop alone; read by the bench thread.
 */
final class CallTally implements BenchProgress {

    private final DrillClock clock;
    private final Histogram secondHalfSetupUs = new Histogram(60_000_000L, 3);
    private volatile long halfMillis = Long.MAX_VALUE;
    private volatile int completed;
    private volatile int failed;
    private volatile long lastCompletionMillis;

    CallTally(DrillClock clock) {
        this.clock = clock;
    }

    /** On the loop: one call is over. */
    void ended(CallResult result) {
        long now = clock.millis();
        if (result.outcome() != CallOutcome.ANSWERED) {
            failed++;
            return;
        }
        if (now >= halfMillis && result.setupMs() != null) {
            secondHalfSetupUs.recordValue(Math.min(60_000_000L, (long) (result.setupMs() * 1000)));
        }
        completed++;
        lastCompletionMillis = now;
    }

    @Override public int completed() { return completed; }
    @Override public int failed() { return failed; }
    @Override public long lastCompletionMillis() { return lastCompletionMillis; }

    @Override
    public void secondHalfFrom(long millis) {
        this.halfMillis = millis;
    }

    @Override
    public double secondHalfLatencyMs(double percentile) {
        return secondHalfSetupUs.getTotalCount() == 0 ? Double.NaN : secondHalfSetupUs.getValueAtPercentile(percentile) / 1000.0;
    }
}
