package io.sipdrill.load.time;

/**
 * Drill time: milliseconds since the drill started, read from a {@link Ticker}. Journal timestamps
 * use it. A clock may be created before the drill starts (the load engine needs it while it boots)
 * and started once everything is ready; until then it reads 0.
 */
public final class DrillClock {

    private static final long UNSTARTED = Long.MIN_VALUE;
    private final Ticker ticker;
    private volatile long startNanos;

    public DrillClock(Ticker ticker, long startNanos) {
        this.ticker = ticker;
        this.startNanos = startNanos;
    }

    /** A clock whose zero is now. */
    public static DrillClock startingNow(Ticker ticker) {
        return new DrillClock(ticker, ticker.nanoTime());
    }

    /** A clock that reads 0 until {@link #startNow()}. */
    public static DrillClock unstarted(Ticker ticker) {
        return new DrillClock(ticker, UNSTARTED);
    }

    /** Sets zero to now; only the first call counts. */
    public synchronized void startNow() {
        if (startNanos == UNSTARTED) {
            startNanos = ticker.nanoTime();
        }
    }

    public boolean started() {
        return startNanos != UNSTARTED;
    }

    public long millis() {
        long start = startNanos;
        return start == UNSTARTED ? 0 : (ticker.nanoTime() - start) / 1_000_000L;
    }

    /** The ticker reading at zero; only meaningful once {@link #started()}. */
    public long startNanos() {
        return startNanos;
    }
}
