package io.sipdrill.load.rtp;

/** Every RTP port of the pool is taken on the address a leg asked for: more parallel calls than the range holds. */
public final class RtpPortsExhaustedException extends IllegalStateException {

    public RtpPortsExhaustedException(String message) {
        super(message);
    }
}
