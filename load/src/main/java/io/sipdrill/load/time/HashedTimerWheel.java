package io.sipdrill.load.time;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * One hashed timer wheel for every transaction and handset timer on an event loop. It owns no
 * thread: the loop calls {@link #expire(long)} each turn, so timers run on the loop thread and
 * need no locks. Not thread-safe; schedule only from the owning loop.
 *
 * <p>Cost is O(1) to schedule and cancel, and each tick looks at one bucket; a timer further away
 * than one revolution keeps a count of remaining rounds, as in Netty's HashedWheelTimer.
 */
public final class HashedTimerWheel {

    private final long tickNanos;
    private final Bucket[] buckets;
    private final int mask;
    private long currentTick;
    private final long startNanos;
    private int size;

    public HashedTimerWheel(long startNanos, long tick, TimeUnit unit, int wheelSize) {
        if (Integer.bitCount(wheelSize) != 1) {
            throw new IllegalArgumentException("wheel size must be a power of two: " + wheelSize);
        }
        this.tickNanos = unit.toNanos(tick);
        this.startNanos = startNanos;
        this.buckets = new Bucket[wheelSize];
        for (int i = 0; i < wheelSize; i++) {
            buckets[i] = new Bucket();
        }
        this.mask = wheelSize - 1;
    }

    public long tickNanos() {
        return tickNanos;
    }

    public int size() {
        return size;
    }

    /** Schedules a task to run at or after {@code deadlineNanos} (same time base as {@link #expire}). */
    public Scheduler.Timeout schedule(Runnable task, long deadlineNanos) {
        long tick = Math.max(currentTick, ceilDiv(deadlineNanos - startNanos, tickNanos));
        Entry e = new Entry(task, tick);
        buckets[(int) (tick & mask)].add(e);
        size++;
        return e;
    }

    /** Runs every task whose tick has passed by {@code nowNanos}. */
    public void expire(long nowNanos) {
        long targetTick = (nowNanos - startNanos) / tickNanos;
        while (currentTick <= targetTick) {
            buckets[(int) (currentTick & mask)].expire(currentTick);
            currentTick++;
        }
    }

    /** Nanoseconds from {@code nowNanos} until the next tick boundary (the loop sleeps at most this long). */
    public long nanosToNextTick(long nowNanos) {
        long next = startNanos + currentTick * tickNanos;
        return Math.max(0, next - nowNanos);
    }

    private static long ceilDiv(long a, long b) {
        return a <= 0 ? 0 : (a + b - 1) / b;
    }

    private final class Entry implements Scheduler.Timeout {
        final Runnable task;
        final long tick;
        Entry prev;
        Entry next;
        Bucket bucket;

        Entry(Runnable task, long tick) {
            this.task = task;
            this.tick = tick;
        }

        @Override
        public boolean cancel() {
            if (bucket == null) {
                return false;
            }
            bucket.remove(this);
            size--;
            return true;
        }
    }

    /** A doubly linked list so cancel is O(1) without searching. */
    private final class Bucket {
        Entry head;
        Entry tail;

        void add(Entry e) {
            e.bucket = this;
            if (tail == null) {
                head = tail = e;
            } else {
                tail.next = e;
                e.prev = tail;
                tail = e;
            }
        }

        void remove(Entry e) {
            if (e.prev != null) {
                e.prev.next = e.next;
            } else {
                head = e.next;
            }
            if (e.next != null) {
                e.next.prev = e.prev;
            } else {
                tail = e.prev;
            }
            e.prev = e.next = null;
            e.bucket = null;
        }

        void expire(long tick) {
            // Tasks may schedule new timers into this very bucket (a later round); only run the
            // entries due now and leave the rest.
            ArrayDeque<Entry> due = null;
            for (Entry e = head; e != null; ) {
                Entry next = e.next;
                if (e.tick <= tick) {
                    remove(e);
                    size--;
                    if (due == null) {
                        due = new ArrayDeque<>();
                    }
                    due.add(e);
                }
                e = next;
            }
            if (due != null) {
                for (Entry e : due) {
                    e.task.run();
                }
            }
        }
    }
}
