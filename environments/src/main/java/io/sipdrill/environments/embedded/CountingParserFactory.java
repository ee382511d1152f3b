package io.sipdrill.environments.embedded;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.parser.MessageParser;
import gov.nist.javax.sip.parser.MessageParserFactory;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.stack.SIPTransactionStack;

import java.text.ParseException;
import java.util.concurrent.atomic.LongAdder;

/**
 * Wraps the RI stack's message parser so every message the stack rejects is counted: the RI drops
 * bad datagrams silently (or logs them as errors), which would leave a fuzzed registrar's journal
 * with no trace of them. Installed with {@code SipStackImpl.setMessageParserFactory} before the
 * listening point exists, since each UDP channel asks the factory for its parser once.
 *
 * <p>Counted as malformed, once per datagram:
 * <ul>
 *   <li>a start line or a header the stack cannot do without (Via, From, To, Call-ID, CSeq,
 *       Content-Length) that does not parse;</li>
 *   <li>a parser crash ({@link RuntimeException}): turned into a {@link ParseException} so the
 *       stack rejects the datagram as it would any unparseable one instead of logging an error;</li>
 *   <li>a message that parses but lacks one of Via, From, To, Call-ID or CSeq: rejected here (the
 *       RI would drop it later and log an error per datagram);</li>
 *   <li>a request with a SIP version other than 2.0 or a CSeq method that differs from the
 *       request's: passed on, because the RI answers those itself (505, 400).</li>
 * </ul>
 * A bad header the stack can do without (e.g. {@code Expires: soon}) is dropped by the RI and the
 * message processed: that message is answered, so it is not counted. CRLF keep-alives parse to
 * nothing and are not messages.
 */
final class CountingParserFactory implements MessageParserFactory {

    private static final String SIP_2_0 = "SIP/2.0";

    private final MessageParserFactory inner;
    private final LongAdder malformed;

    CountingParserFactory(MessageParserFactory inner, LongAdder malformed) {
        this.inner = inner;
        this.malformed = malformed;
    }

    @Override
    public MessageParser createMessageParser(SIPTransactionStack stack) {
        MessageParser parser = inner.createMessageParser(stack);
        return (bytes, readBody, strict, listener) -> parse(parser, bytes, readBody, strict, listener);
    }

    private SIPMessage parse(MessageParser parser, byte[] bytes, boolean readBody, boolean strict,
                             ParseExceptionListener listener) throws ParseException {
        SIPMessage message;
        try {
            message = parser.parseSIPMessage(bytes, readBody, strict, listener);
        } catch (ParseException e) {
            malformed.increment();
            throw e;
        } catch (RuntimeException e) {
            malformed.increment();
            ParseException rejected = new ParseException("parser failed: " + e, 0);
            rejected.initCause(e);
            throw rejected;
        }
        if (message == null) {
            return null; // only CRLFs: a keep-alive
        }
        if (message.getTopmostVia() == null || message.getFrom() == null || message.getTo() == null
                || message.getCallId() == null || message.getCSeq() == null) {
            malformed.increment();
            throw new ParseException("missing one of Via, From, To, Call-ID, CSeq", 0);
        }
        if (message instanceof SIPRequest request && answeredAsBad(request)) {
            malformed.increment();
        }
        return message;
    }

    /** The checks the RI's UDP channel makes after parsing, answering 505 or 400 itself. */
    private static boolean answeredAsBad(SIPRequest request) {
        String version = request.getRequestLine() == null ? null : request.getRequestLine().getSipVersion();
        return !SIP_2_0.equals(version) || !request.getMethod().equalsIgnoreCase(request.getCSeq().getMethod());
    }
}
