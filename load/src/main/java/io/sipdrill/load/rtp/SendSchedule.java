package io.sipdrill.load.rtp;

import java.util.concurrent.TimeUnit;

/**
 * When one leg's packets are due: packet {@code n} at {@code start + n · 20 ms}, always counted
 * from the start (never "last send + 20 ms"), so lateness in one wake-up does not add up into
 * drift. After a short stall the backlog is sent at once, as a phone's send queue would; after a
 * stall of {@value #MAX_BACKLOG} packets or more the missed slots are skipped (no packets, the
 * timestamp moves on as in silence suppression) rather than flooding the peer with stale audio.
 * Pure arithmetic on nanoseconds, so it is tested without a clock.
 */
final class SendSchedule {

    static final long PACKET_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    static final int MAX_BACKLOG = 5;

    private final long startNanos;
    private long slot;
    private long skipped;

    SendSchedule(long startNanos) {
        this.startNanos = startNanos;
    }

    /** The slot whose packet is due next; its RTP timestamp is {@code slot · 160} after the first. */
    long slot() {
        return slot;
    }

    long dueNanos() {
        return startNanos + slot * PACKET_NANOS;
    }

    boolean isDue(long nowNanos) {
        return nowNanos - dueNanos() >= 0;
    }

    /**
     * The current slot's packet went out (or was dropped on purpose): on to the next.
     *
     * @return slots skipped because the sender fell {@value #MAX_BACKLOG} or more packets behind
     */
    long advance(long nowNanos) {
        slot++;
        long latestDue = Math.floorDiv(nowNanos - startNanos, PACKET_NANOS);
        long behind = latestDue - slot;
        if (behind >= MAX_BACKLOG) {
            slot = latestDue;
            skipped += behind;
            return behind;
        }
        return 0;
    }

    /** Slots skipped so far. */
    long skipped() {
        return skipped;
    }
}
