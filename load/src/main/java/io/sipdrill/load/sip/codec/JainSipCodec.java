package io.sipdrill.load.sip.codec;

import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.StringMsgParser;

import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.MinExpiresHeader;
import javax.sip.header.ProxyAuthenticateHeader;
import javax.sip.header.RetryAfterHeader;
import javax.sip.header.WWWAuthenticateHeader;
import java.nio.ByteBuffer;
import java.text.ParseException;

/**
 * The same decoding through JAIN-SIP RI's full parser: slower, but strict and complete. Used to
 * check {@link LeanSipCodec} against and selectable where validation matters more than speed.
 */
public final class JainSipCodec implements SipCodec {

    @Override
    public SipResponse decodeResponse(ByteBuffer datagram) throws SipParseException {
        byte[] bytes = new byte[datagram.remaining()];
        datagram.get(datagram.position(), bytes, 0, bytes.length);
        SIPMessage message;
        try {
            message = new StringMsgParser().parseSIPMessage(bytes, true, false, null);
        } catch (ParseException | RuntimeException e) {
            throw new SipParseException("unparseable: " + e.getMessage());
        }
        if (!(message instanceof SIPResponse r)) {
            throw new SipParseException("not a response");
        }
        Via via = r.getTopmostVia();
        if (via == null || via.getBranch() == null || r.getCSeq() == null) {
            throw new SipParseException("response without Via branch or CSeq");
        }
        WWWAuthenticateHeader www = (WWWAuthenticateHeader) r.getHeader(WWWAuthenticateHeader.NAME);
        ProxyAuthenticateHeader proxy = (ProxyAuthenticateHeader) r.getHeader(ProxyAuthenticateHeader.NAME);
        ExpiresHeader expires = r.getExpires();
        ContactHeader contact = (ContactHeader) r.getHeader(ContactHeader.NAME);
        MinExpiresHeader min = (MinExpiresHeader) r.getHeader(MinExpiresHeader.NAME);
        RetryAfterHeader retry = (RetryAfterHeader) r.getHeader(RetryAfterHeader.NAME);
        return new SipResponse(r.getStatusCode(), r.getReasonPhrase(), via.getBranch(), r.getCSeq().getMethod(),
                r.getCSeq().getSeqNumber(), r.getCallId() == null ? null : r.getCallId().getCallId(),
                www == null ? null : valueOf(www.toString()), proxy == null ? null : valueOf(proxy.toString()),
                expires == null ? -1 : expires.getExpires(), contact == null ? -1 : contact.getExpires(),
                min == null ? -1 : min.getExpires(), retry == null ? -1 : retry.getRetryAfter());
    }

    /** A header's encoded form without its name and line end. */
    private static String valueOf(String encodedHeader) {
        int colon = encodedHeader.indexOf(':');
        return encodedHeader.substring(colon + 1).trim();
    }
}
