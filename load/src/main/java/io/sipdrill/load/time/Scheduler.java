package io.sipdrill.load.time;

import java.util.concurrent.TimeUnit;

/**
 * Runs tasks after a delay on the scheduler's own thread. Handset and transaction logic only ever
 * schedules through this interface: production uses a hashed timer wheel on the SIP event loop,
 * tests use {@link ManualScheduler}.
 */
public interface Scheduler extends Ticker {

    /** A scheduled task that may be cancelled before it runs. */
    interface Timeout {
        /** @return true if the task had not run yet and now never will */
        boolean cancel();
    }

    Timeout schedule(Runnable task, long delay, TimeUnit unit);

    /** Runs the task on the scheduler's thread as soon as possible. */
    void execute(Runnable task);
}
