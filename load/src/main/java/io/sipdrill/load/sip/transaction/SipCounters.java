package io.sipdrill.load.sip.transaction;

/**
 * Totals for the whole engine, written by the event loop only and read by progress and benchmark
 * threads (single writer, so plain volatile increments are enough).
 */
public final class SipCounters {
    volatile long transactionsStarted;
    volatile long transmissions;
    volatile long retransmissions;
    volatile long timeouts;
    volatile long finalResponses;
    volatile long provisionalResponses;
    volatile long strayResponses;
    volatile long malformedMessages;
    volatile long unexpectedRequests;
    volatile long sendFailures;
    volatile long transportFailures;

    public long transactionsStarted() { return transactionsStarted; }
    public long transmissions() { return transmissions; }
    public long retransmissions() { return retransmissions; }
    public long timeouts() { return timeouts; }
    public long finalResponses() { return finalResponses; }
    public long provisionalResponses() { return provisionalResponses; }
    /** Responses matching no live transaction (late, duplicated, or for another process). */
    public long strayResponses() { return strayResponses; }
    public long malformedMessages() { return malformedMessages; }
    public long unexpectedRequests() { return unexpectedRequests; }
    public long sendFailures() { return sendFailures; }
    /** Transactions ended early because their stream connection failed (TLS handshake refused, closed). */
    public long transportFailures() { return transportFailures; }
}
