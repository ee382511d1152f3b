package io.sipdrill.load.time;

/**
 * A monotonic source of nanoseconds. Everything that measures or decides on time reads one of these
 * instead of {@link System#nanoTime()}, so a test can drive it by hand.
 */
@FunctionalInterface
public interface Ticker {
    long nanoTime();

    default long millis() {
        return nanoTime() / 1_000_000L;
    }

    static Ticker system() {
        return System::nanoTime;
    }
}
