package io.sipdrill.load.time;

/** Drill time: milliseconds since the drill started, read from a {@link Ticker}. Journal timestamps use it. */
public final class DrillClock {

    private final Ticker ticker;
    private final long startNanos;

    public DrillClock(Ticker ticker, long startNanos) {
        this.ticker = ticker;
        this.startNanos = startNanos;
    }

    /** A clock whose zero is now. */
    public static DrillClock startingNow(Ticker ticker) {
        return new DrillClock(ticker, ticker.nanoTime());
    }

    public long millis() {
        return (ticker.nanoTime() - startNanos) / 1_000_000L;
    }

    public long startNanos() {
        return startNanos;
    }
}
