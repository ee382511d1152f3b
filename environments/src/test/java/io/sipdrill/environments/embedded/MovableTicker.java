package io.sipdrill.environments.embedded;

import io.sipdrill.load.time.Ticker;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** Real time plus a jump a test can add, for nonce and binding expiry against a live server. */
final class MovableTicker implements Ticker {

    private final AtomicLong offset = new AtomicLong();

    @Override
    public long nanoTime() {
        return System.nanoTime() + offset.get();
    }

    void jump(Duration d) {
        offset.addAndGet(d.toNanos());
    }
}
