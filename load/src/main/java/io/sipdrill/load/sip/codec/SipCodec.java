package io.sipdrill.load.sip.codec;

import java.nio.ByteBuffer;

/**
 * Decodes what arrives on a handset socket. Handsets only see this interface, so a faster parser
 * can replace the current one without touching them.
 */
public interface SipCodec {

    /** True if the datagram starts like a response ({@code SIP/2.0 }), false for a request. */
    static boolean isResponse(ByteBuffer datagram) {
        int p = datagram.position();
        return datagram.remaining() > 8 && datagram.get(p) == 'S' && datagram.get(p + 1) == 'I'
                && datagram.get(p + 2) == 'P' && datagram.get(p + 3) == '/';
    }

    /** Decodes a response; the buffer's content is only valid during the call. */
    SipResponse decodeResponse(ByteBuffer datagram) throws SipParseException;
}
