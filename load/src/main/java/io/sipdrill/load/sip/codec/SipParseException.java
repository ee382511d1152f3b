package io.sipdrill.load.sip.codec;

/** A datagram that is not a SIP message we can act on; counted by the caller, never fatal. */
public final class SipParseException extends Exception {
    public SipParseException(String message) {
        super(message, null, false, false);
    }
}
