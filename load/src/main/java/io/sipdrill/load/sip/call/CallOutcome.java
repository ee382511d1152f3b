package io.sipdrill.load.sip.call;

/** How a call attempt ended, from the point of view of the end that reports it. */
public enum CallOutcome {
    /** A 2xx: the call was answered (and later hung up). */
    ANSWERED,
    /** A final error response, a timeout, or no ACK for our 2xx. */
    FAILED,
    /** The caller gave up before an answer (CANCEL → 487). */
    CANCELLED
}
