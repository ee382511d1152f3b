package io.sipdrill.load.sip.transaction;

import io.sipdrill.load.sip.codec.SipResponse;

/** What a transaction user (a handset) hears back, always on the event loop thread. */
public interface TransactionListener {

    /** A provisional response; most REGISTERs never see one. */
    default void onProvisional(ClientTransaction tx, SipResponse response) {
    }

    /** The transaction is over: {@code response} is the final response, or null on timeout/transport error. */
    void onCompleted(ClientTransaction tx, TransactionOutcome outcome, SipResponse response);

    /** The request was sent again (Timer E); {@code transmission} is 2 for the first retransmission. */
    default void onRetransmit(ClientTransaction tx, int transmission) {
    }
}
