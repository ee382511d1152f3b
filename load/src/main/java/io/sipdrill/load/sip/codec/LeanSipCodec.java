package io.sipdrill.load.sip.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A byte-level response parser that reads only the headers a handset acts on and skips the rest
 * without creating strings for them. It copies the datagram once into a reused array, so it is
 * not thread-safe: one instance per event loop.
 *
 * <p>Accepts what RFC 3261 §7.3 allows that matters here: case-insensitive and compact header
 * names ({@code v}, {@code i}, {@code m}), whitespace around the colon, several values in one
 * header line. Folded (multi-line) headers are joined.
 */
public final class LeanSipCodec implements SipCodec {

    private final boolean keepHeaders;
    private byte[] buf = new byte[8192];

    /** A codec that reads only what handsets act on (the default, and the fast path). */
    public LeanSipCodec() {
        this(false);
    }

    /**
     * @param keepHeaders also copy the header block into {@link SipResponse#headers()} (one array
     *                    copy per response), for load-test checks on arbitrary headers
     */
    public LeanSipCodec(boolean keepHeaders) {
        this.keepHeaders = keepHeaders;
    }

    @Override
    public SipResponse decodeResponse(ByteBuffer datagram) throws SipParseException {
        int len = datagram.remaining();
        if (len > buf.length) {
            buf = new byte[Math.max(len, buf.length * 2)];
        }
        datagram.get(datagram.position(), buf, 0, len);
        return parse(buf, len);
    }

    SipResponse parse(byte[] b, int len) throws SipParseException {
        // Status line: SIP/2.0 SP code SP reason CRLF
        if (len < 12 || !startsWith(b, 0, "SIP/2.0 ")) {
            throw new SipParseException("not a SIP/2.0 response");
        }
        int code = digits(b, 8, 3);
        if (code < 100 || code > 699) {
            throw new SipParseException("bad status code");
        }
        int eol = lineEnd(b, 11, len);
        if (eol < 0) {
            throw new SipParseException("no end of status line");
        }
        String reason = eol > 12 ? ascii(b, 12, eol - 12).trim() : "";
        String branch = null;
        String cseqMethod = null;
        long cseqNumber = -1;
        String callId = null;
        String www = null;
        String proxy = null;
        int expires = -1;
        int contactExpires = -1;
        int minExpires = -1;
        int retryAfter = -1;

        int headerStart = next(b, eol, len);
        int pos = headerStart;
        while (pos < len) {
            int end = lineEnd(b, pos, len);
            if (end < 0) {
                end = len;
            }
            if (end == pos) {
                break; // blank line: end of headers
            }
            int valueEnd = end;
            int after = next(b, end, len);
            // Folded continuation lines start with whitespace; extend the value over them.
            while (after < len && (b[after] == ' ' || b[after] == '\t')) {
                int e2 = lineEnd(b, after, len);
                valueEnd = e2 < 0 ? len : e2;
                after = next(b, valueEnd, len);
            }
            int colon = indexOf(b, pos, valueEnd, (byte) ':');
            if (colon < 0) {
                throw new SipParseException("header line without colon");
            }
            int nameEnd = colon;
            while (nameEnd > pos && isSpace(b[nameEnd - 1])) {
                nameEnd--;
            }
            int vs = colon + 1;
            while (vs < valueEnd && isSpace(b[vs])) {
                vs++;
            }
            int ve = valueEnd;
            while (ve > vs && isSpace(b[ve - 1])) {
                ve--;
            }
            switch (headerOf(b, pos, nameEnd - pos)) {
                case VIA -> {
                    if (branch == null) {
                        branch = param(b, vs, firstValueEnd(b, vs, ve), "branch");
                    }
                }
                case CSEQ -> {
                    int sp = indexOf(b, vs, ve, (byte) ' ');
                    if (sp < 0) {
                        throw new SipParseException("bad CSeq");
                    }
                    cseqNumber = parseLong(b, vs, sp);
                    int ms = sp;
                    while (ms < ve && isSpace(b[ms])) {
                        ms++;
                    }
                    cseqMethod = method(b, ms, ve - ms);
                }
                case CALL_ID -> callId = ascii(b, vs, ve - vs);
                case WWW_AUTHENTICATE -> {
                    if (www == null) {
                        www = ascii(b, vs, ve - vs);
                    }
                }
                case PROXY_AUTHENTICATE -> {
                    if (proxy == null) {
                        proxy = ascii(b, vs, ve - vs);
                    }
                }
                case EXPIRES -> expires = (int) parseLong(b, vs, ve);
                case MIN_EXPIRES -> minExpires = (int) parseLong(b, vs, ve);
                case RETRY_AFTER -> retryAfter = (int) parseLong(b, vs, leadingDigitsEnd(b, vs, ve));
                case CONTACT -> {
                    if (contactExpires < 0) {
                        String e = param(b, vs, firstValueEnd(b, vs, ve), "expires");
                        if (e != null) {
                            contactExpires = Integer.parseInt(e);
                        }
                    }
                }
                case OTHER -> { }
            }
            pos = after;
        }
        if (branch == null || cseqMethod == null) {
            throw new SipParseException("response without Via branch or CSeq");
        }
        SipHeaders headers = keepHeaders ? new SipHeaders(Arrays.copyOfRange(b, headerStart, Math.min(pos, len))) : null;
        return new SipResponse(code, reason, branch, cseqMethod, cseqNumber, callId, www, proxy,
                expires, contactExpires, minExpires, retryAfter, headers, null);
    }

    private enum Header { VIA, CSEQ, CALL_ID, WWW_AUTHENTICATE, PROXY_AUTHENTICATE, EXPIRES, MIN_EXPIRES, RETRY_AFTER, CONTACT, OTHER }

    private static Header headerOf(byte[] b, int off, int len) {
        if (len == 1) {
            return switch (lower(b[off])) {
                case 'v' -> Header.VIA;
                case 'i' -> Header.CALL_ID;
                case 'm' -> Header.CONTACT;
                default -> Header.OTHER;
            };
        }
        return switch (lower(b[off])) {
            case 'v' -> eq(b, off, len, "via") ? Header.VIA : Header.OTHER;
            case 'c' -> eq(b, off, len, "cseq") ? Header.CSEQ
                    : eq(b, off, len, "call-id") ? Header.CALL_ID
                    : eq(b, off, len, "contact") ? Header.CONTACT : Header.OTHER;
            case 'w' -> eq(b, off, len, "www-authenticate") ? Header.WWW_AUTHENTICATE : Header.OTHER;
            case 'p' -> eq(b, off, len, "proxy-authenticate") ? Header.PROXY_AUTHENTICATE : Header.OTHER;
            case 'e' -> eq(b, off, len, "expires") ? Header.EXPIRES : Header.OTHER;
            case 'm' -> eq(b, off, len, "min-expires") ? Header.MIN_EXPIRES : Header.OTHER;
            case 'r' -> eq(b, off, len, "retry-after") ? Header.RETRY_AFTER : Header.OTHER;
            default -> Header.OTHER;
        };
    }

    /** The end of the first value of a comma-separated header, ignoring commas inside quotes or angle brackets. */
    private static int firstValueEnd(byte[] b, int from, int to) {
        boolean quoted = false;
        boolean angle = false;
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '<') {
                angle = true;
            } else if (!quoted && c == '>') {
                angle = false;
            } else if (c == ',' && !quoted && !angle) {
                return i;
            }
        }
        return to;
    }

    /** Value of {@code ;name=value} outside angle brackets (header parameters), or null. */
    private static String param(byte[] b, int from, int to, String name) {
        boolean angle = false;
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c == '<') {
                angle = true;
            } else if (c == '>') {
                angle = false;
            } else if (c == ';' && !angle) {
                int s = i + 1;
                while (s < to && isSpace(b[s])) {
                    s++;
                }
                int n = name.length();
                if (s + n < to && eq(b, s, n, name)) {
                    int p = s + n;
                    while (p < to && isSpace(b[p])) {
                        p++;
                    }
                    if (p < to && b[p] == '=') {
                        p++;
                        while (p < to && isSpace(b[p])) {
                            p++;
                        }
                        int e = p;
                        while (e < to && b[e] != ';' && b[e] != ',' && !isSpace(b[e])) {
                            e++;
                        }
                        return ascii(b, p, e - p);
                    }
                }
            }
        }
        return null;
    }

    private static String method(byte[] b, int off, int len) {
        // The methods a handset sends come back as interned constants: no string per response.
        if (len == 8 && startsWith(b, off, "REGISTER")) {
            return "REGISTER";
        }
        if (len == 7 && startsWith(b, off, "OPTIONS")) {
            return "OPTIONS";
        }
        if (len == 6 && startsWith(b, off, "INVITE")) {
            return "INVITE";
        }
        if (len == 3 && startsWith(b, off, "BYE")) {
            return "BYE";
        }
        if (len == 6 && startsWith(b, off, "CANCEL")) {
            return "CANCEL";
        }
        return ascii(b, off, len);
    }

    private static int leadingDigitsEnd(byte[] b, int from, int to) {
        int i = from;
        while (i < to && b[i] >= '0' && b[i] <= '9') {
            i++;
        }
        return i;
    }

    private static long parseLong(byte[] b, int from, int to) throws SipParseException {
        while (to > from && isSpace(b[to - 1])) {
            to--;
        }
        if (from >= to || to - from > 18) {
            throw new SipParseException("bad number");
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                throw new SipParseException("bad number");
            }
            v = v * 10 + d;
        }
        return v;
    }

    private static int digits(byte[] b, int off, int n) {
        int v = 0;
        for (int i = off; i < off + n; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    /** Index of the CR or LF that ends the line starting at {@code from}, or -1. */
    private static int lineEnd(byte[] b, int from, int len) {
        for (int i = from; i < len; i++) {
            if (b[i] == '\r' || b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Start of the next line after a line end at {@code eol} (CRLF, or a bare LF/CR as RFC 3261 tolerates). */
    private static int next(byte[] b, int eol, int len) {
        if (eol >= len) {
            return len;
        }
        if (b[eol] == '\r' && eol + 1 < len && b[eol + 1] == '\n') {
            return eol + 2;
        }
        return eol + 1;
    }

    private static int indexOf(byte[] b, int from, int to, byte c) {
        for (int i = from; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static boolean eq(byte[] b, int off, int len, String lowerName) {
        if (len != lowerName.length()) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (lower(b[off + i]) != lowerName.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] b, int off, String s) {
        for (int i = 0; i < s.length(); i++) {
            if (b[off + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static char lower(byte c) {
        return (char) (c >= 'A' && c <= 'Z' ? c + 32 : c);
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\t';
    }

    private static String ascii(byte[] b, int off, int len) {
        return new String(b, off, len, StandardCharsets.ISO_8859_1);
    }
}
