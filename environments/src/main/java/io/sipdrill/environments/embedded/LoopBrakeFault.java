package io.sipdrill.environments.embedded;

import io.sipdrill.chaos.fault.Fault;
import io.sipdrill.load.sip.transport.SipEventLoop;

import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Holds an in-JVM server's event loop thread, the embedded stand-in for squeezing or freezing a
 * process: with share {@code s} the loop may run {@code s} of every 100 ms and is blocked the rest
 * (a wall-clock duty cycle, so unlike CFS it delays even an idle server); with share 0 it is
 * blocked until reverted. Packets wait in the socket buffer meanwhile and timers fire late, as for
 * a throttled or SIGSTOPped process; the backlog is worked off after the revert.
 */
public final class LoopBrakeFault implements Fault {

    static final long PERIOD_MILLIS = 100;

    private final String name;
    private final String target;
    private final Supplier<Optional<SipEventLoop>> loop;
    private final double share;
    private Brake brake;

    /** @param share of wall time the loop may run, 0 (frozen) to below 1 */
    public LoopBrakeFault(String name, String target, Supplier<Optional<SipEventLoop>> loop, double share) {
        if (!(share >= 0 && share < 1)) {
            throw new IllegalArgumentException("a loop brake's share must be at least 0 and below 1, got " + share);
        }
        this.name = name;
        this.target = target;
        this.loop = loop;
        this.share = share;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String target() {
        return target;
    }

    @Override
    public synchronized void inject() {
        if (brake != null) {
            return;
        }
        SipEventLoop current = loop.get()
                .orElseThrow(() -> new IllegalStateException(target + " is not running; nothing to " + name));
        brake = new Brake(current);
        current.execute(brake::hold);
    }

    @Override
    public synchronized void revert() {
        if (brake == null) {
            return;
        }
        brake.release();
        brake = null;
    }

    @Override
    public String detail() {
        return share == 0 ? "event loop held" : "event loop runs " + Math.round(share * 100) + "% of every " + PERIOD_MILLIS + " ms";
    }

    /** The task that holds the loop, once (frozen) or every period (squeezed). */
    private final class Brake {

        private final SipEventLoop loop;
        private final CountDownLatch released = new CountDownLatch(1);

        Brake(SipEventLoop loop) {
            this.loop = loop;
        }

        /** Runs on the loop's thread: blocking here is the point. */
        void hold() {
            long blockedMillis = share == 0 ? Long.MAX_VALUE : Math.round(PERIOD_MILLIS * (1 - share));
            try {
                if (released.await(blockedMillis, TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                // The loop is closing.
                Thread.currentThread().interrupt();
                return;
            }
            long runMillis = Math.max(1, Math.round(PERIOD_MILLIS * share));
            loop.schedule(this::hold, runMillis, TimeUnit.MILLISECONDS);
        }

        void release() {
            released.countDown();
        }
    }
}
