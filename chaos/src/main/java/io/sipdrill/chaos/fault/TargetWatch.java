package io.sipdrill.chaos.fault;

/**
 * Told when a target's server dies without sipdrill having done it (a crash, the OOM killer, an
 * operator's {@code kill -9}) and when it runs again, so the drill journals a dark period it did
 * not cause as a fault window of its own and the report measures it like any injected fault.
 */
public interface TargetWatch {

    /** Watches nothing. */
    TargetWatch NONE = new TargetWatch() {
        @Override
        public void died(String target, String detail) {
        }

        @Override
        public void back(String target, String detail) {
        }
    };

    /** {@code target}'s server exited on its own or by someone else's hand; {@code detail} says how. */
    void died(String target, String detail);

    /** {@code target}'s server, after {@link #died}, runs and answers again (a restart brought it back). */
    void back(String target, String detail);
}
