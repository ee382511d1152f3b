package io.sipdrill.load.sip.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A whole SIP message, request or response, with every header line and the body. Calls (INVITE,
 * ACK, BYE, CANCEL) are parsed this way: they are rare next to registrations and need the
 * headers the lean response parser skips (tags, Contact, Record-Route, the SDP body).
 *
 * @param method     the request method, or the CSeq method of a response
 * @param requestUri the Request-URI; null for a response
 * @param status     the status code; 0 for a request
 */
public record SipMessage(String method, String requestUri, int status, String reason, SipHeaders headers, String body) {

    /** Parses a datagram; the buffer is read from its position and left unchanged. */
    public static SipMessage parse(ByteBuffer datagram) throws SipParseException {
        byte[] bytes = new byte[datagram.remaining()];
        datagram.get(datagram.position(), bytes);
        return parse(bytes);
    }

    public static SipMessage parse(byte[] bytes) throws SipParseException {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int firstEol = text.indexOf('\n');
        if (firstEol < 0) {
            throw new SipParseException("no start line");
        }
        String startLine = text.substring(0, firstEol).strip();
        int blank = headerBlockEnd(text);
        int headersFrom = firstEol + 1;
        String block = blank < 0 ? text.substring(headersFrom) : text.substring(headersFrom, Math.max(headersFrom, blank));
        String body = blank < 0 ? "" : text.substring(skipBlankLine(text, blank));
        SipHeaders headers = new SipHeaders(block.getBytes(StandardCharsets.ISO_8859_1));
        String length = headers.first("Content-Length");
        if (length != null) {
            try {
                int n = Integer.parseInt(length.strip());
                if (n >= 0 && n < body.length()) {
                    body = body.substring(0, n);
                }
            } catch (NumberFormatException e) {
                throw new SipParseException("bad Content-Length");
            }
        }
        String cseq = headers.first("CSeq");
        if (cseq == null || headers.first("Call-ID") == null || headers.first("Via") == null) {
            throw new SipParseException("message without Via, Call-ID or CSeq");
        }
        String[] cseqParts = words(cseq);
        if (cseqParts.length != 2) {
            throw new SipParseException("bad CSeq");
        }
        String[] parts = startLine.split(" ", 3);
        if (parts.length < 2) {
            throw new SipParseException("bad start line");
        }
        if (parts[0].startsWith("SIP/")) {
            int code;
            try {
                code = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw new SipParseException("bad status code");
            }
            return new SipMessage(cseqParts[1], null, code, parts.length > 2 ? parts[2] : "", headers, body);
        }
        if (parts.length != 3 || !parts[2].startsWith("SIP/2.0")) {
            throw new SipParseException("bad request line");
        }
        return new SipMessage(parts[0], parts[1], 0, null, headers, body);
    }

    /** Where the body starts: past the end of the last header line and the blank line after it. */
    private static int skipBlankLine(String text, int blank) {
        int i = blank;
        for (int eol = 0; eol < 2 && i < text.length(); eol++) {
            if (text.startsWith("\r\n", i)) {
                i += 2;
            } else if (text.charAt(i) == '\n') {
                i++;
            } else {
                break;
            }
        }
        return i;
    }

    /** A value's whitespace-separated words ({@code "1  INVITE"} → 1, INVITE), without a regex. */
    private static String[] words(String value) {
        List<String> out = new java.util.ArrayList<>(2);
        int i = 0;
        int n = value.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(value.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(value.charAt(i))) {
                i++;
            }
            if (i > start) {
                out.add(value.substring(start, i));
            }
        }
        return out.toArray(new String[0]);
    }

    private static int headerBlockEnd(String text) {
        int crlf = text.indexOf("\r\n\r\n");
        int lf = text.indexOf("\n\n");
        if (crlf < 0) {
            return lf;
        }
        return lf < 0 ? crlf : Math.min(crlf, lf);
    }

    public boolean isRequest() {
        return status == 0;
    }

    public String callId() {
        return headers.first("Call-ID");
    }

    public long cseqNumber() {
        return Long.parseLong(words(headers.first("CSeq"))[0]);
    }

    /** The branch of the top Via (the transaction key). */
    public String branch() {
        return HeaderValues.param(HeaderValues.split(headers.first("Via")).get(0), "branch");
    }

    public String fromTag() {
        return HeaderValues.param(headers.first("From"), "tag");
    }

    public String toTag() {
        return HeaderValues.param(headers.first("To"), "tag");
    }

    /** Every Via value in order, one per hop (comma-joined lines split apart). */
    public List<String> vias() {
        return HeaderValues.splitAll(headers.all("Via"));
    }

    /** Every Record-Route value in order, as received. */
    public List<String> recordRoutes() {
        return HeaderValues.splitAll(headers.all("Record-Route"));
    }

    /** The URI of the first Contact, or null. */
    public String contactUri() {
        String contact = headers.first("Contact");
        return contact == null ? null : HeaderValues.uri(HeaderValues.split(contact).get(0));
    }
}
