package io.sipdrill.load.sip.transaction;

/** How a client transaction ended. */
public enum TransactionOutcome {
    /** A final response arrived. */
    RESPONSE,
    /** Timer F fired with no final response (RFC 3261 §17.1.2.2). */
    TIMEOUT,
    /** The request could not be sent at all (no route, socket closed). */
    TRANSPORT_ERROR
}
