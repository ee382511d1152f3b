package io.sipdrill.load.handset;

import io.sipdrill.load.sip.codec.SipResponse;
import io.sipdrill.load.sip.transaction.TransactionOutcome;

/**
 * Hears what a handset does, on the event loop thread: every finished transaction (for load-test
 * statistics such as Gatling's) and the end of every registration attempt (so a scenario step can
 * complete). Must not block.
 */
public interface HandsetObserver {

    HandsetObserver NONE = new HandsetObserver() { };

    /** A transaction ended; {@code response} is null on timeout or transport error. */
    default void onTransaction(Handset handset, Purpose purpose, Pop pop, TransactionOutcome outcome,
                               SipResponse response, long elapsedNanos) {
    }

    /**
     * An attempt ended: registered (or unregistered, for {@link Purpose#UNREGISTER}) when
     * {@code succeeded}; otherwise the handset now retries or moves on by its policy.
     */
    default void onAttemptEnded(Handset handset, Purpose purpose, Pop pop, boolean succeeded, SipResponse lastResponse) {
    }
}
