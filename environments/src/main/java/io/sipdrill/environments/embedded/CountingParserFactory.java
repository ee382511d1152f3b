package io.sipdrill.environments.embedded;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.MessageParser;
import gov.nist.javax.sip.parser.MessageParserFactory;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.stack.SIPTransactionStack;

import java.text.ParseException;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * Wraps the RI stack's message parser so every message the stack rejects is counted: the RI drops
 * bad datagrams silently (or logs them as errors), which would leave a fuzzed registrar's journal
 * with no trace of them. Installed with {@code SipStackImpl.setMessageParserFactory} before the
 * listening point exists, since each UDP channel asks the factory for its parser once.
 *
 * <p>Counted as malformed, once per datagram, and dropped:
 * <ul>
 *   <li>a start line or a header the stack cannot do without (Via, From, To, Call-ID, CSeq,
 *       Content-Length) that does not parse;</li>
 *   <li>a datagram that crashes the parser ({@link RuntimeException});</li>
 *   <li>a message that parses but lacks one of Via, From, To, Call-ID or CSeq (the RI would drop
 *       it later and log an error per datagram);</li>
 *   <li>a request whose topmost Via names a transport the stack does not listen on (the RI could
 *       not send the answer: {@code SipException} for every one), and a response whose status code
 *       is outside 100–699 (the RI drops it and logs an error).</li>
 * </ul>
 * Dropped means handed back to the RI as nothing to process, like a CRLF keep-alive: on a
 * {@link ParseException} the RI would try to answer 400 from the raw text, and that code throws
 * {@code StringIndexOutOfBoundsException} on mutated Via lines (found by {@code MalformedInputTest})
 * and logs the whole receive buffer as an error. Over UDP a dropped request is what RFC 3261 allows
 * for a message that cannot be parsed; the sender retransmits or gives up.
 *
 * <p>Counted but passed on, because the RI answers them itself: a request with a SIP version other
 * than 2.0 (505) or a CSeq method that differs from the request's (400). A bad header the stack can
 * do without (e.g. {@code Expires: soon}) is dropped by the RI and the message processed: that
 * message is answered, so it is not counted.
 */
final class CountingParserFactory implements MessageParserFactory {

    private static final String SIP_2_0 = "SIP/2.0";

    private final MessageParserFactory inner;
    private final LongAdder malformed;
    private final Set<String> transports;

    /** @param transports the stack's listening points' transports, upper case ({@code UDP}) */
    CountingParserFactory(MessageParserFactory inner, LongAdder malformed, Set<String> transports) {
        this.inner = inner;
        this.malformed = malformed;
        this.transports = Set.copyOf(transports);
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
        } catch (ParseException | RuntimeException e) {
            malformed.increment();
            return null;
        }
        if (message == null) {
            return null; // only CRLFs: a keep-alive
        }
        if (message.getTopmostVia() == null || message.getFrom() == null || message.getTo() == null
                || message.getCallId() == null || message.getCSeq() == null || unanswerable(message)) {
            malformed.increment();
            return null;
        }
        if (message instanceof SIPRequest request && answeredAsBad(request)) {
            malformed.increment();
        }
        return message;
    }

    private boolean unanswerable(SIPMessage message) {
        if (message instanceof SIPResponse response) {
            int code = response.getStatusCode();
            return code < 100 || code > 699;
        }
        String transport = message.getTopmostVia().getTransport();
        return transport == null || !transports.contains(transport.toUpperCase(Locale.ROOT));
    }

    /** The checks the RI's UDP channel makes after parsing, answering 505 or 400 itself. */
    private static boolean answeredAsBad(SIPRequest request) {
        String version = request.getRequestLine() == null ? null : request.getRequestLine().getSipVersion();
        return !SIP_2_0.equals(version) || !request.getMethod().equalsIgnoreCase(request.getCSeq().getMethod());
    }
}
