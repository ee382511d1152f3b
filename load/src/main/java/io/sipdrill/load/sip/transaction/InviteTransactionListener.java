package io.sipdrill.load.sip.transaction;

import io.sipdrill.load.sip.codec.SipResponse;

/** What the caller of an INVITE hears back, always on the event loop thread. */
public interface InviteTransactionListener {

    /** 1xx: 100 from the next hop, 180/183 from the callee. */
    void onProvisional(InviteClientTransaction tx, SipResponse response);

    /**
     * The first final response. For 3xx–6xx the transaction has already sent the ACK; for a 2xx the
     * caller must send the ACK itself (it is end to end, RFC 3261 §13.2.2.4).
     */
    void onFinal(InviteClientTransaction tx, SipResponse response);

    /** A 2xx arrived again (the callee did not see our ACK): send the ACK again (RFC 6026 §7.2). */
    void on2xxRetransmission(InviteClientTransaction tx, SipResponse response);

    /** Timer B fired (no final response in 64·T1), or the INVITE could not be sent at all. */
    void onTimeout(InviteClientTransaction tx, boolean transportError);

    /** Timer A sent the INVITE again; {@code transmission} is 2 for the first retransmission. */
    default void onRetransmit(InviteClientTransaction tx, int transmission) {
    }
}
