package io.sipdrill.load.sip.call;

/** What one end of a call received: RFC 3550 loss and jitter and the E-model MOS they imply. */
public record MediaStats(long received, double lossPct, double jitterMs, double mos) {
}
