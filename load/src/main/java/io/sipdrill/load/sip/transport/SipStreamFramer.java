package io.sipdrill.load.sip.transport;

import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * Cuts a SIP byte stream (TCP or TLS) into messages by their Content-Length, which RFC 3261 §18.3
 * makes mandatory on streams: a message is its header section up to the blank line, then exactly
 * Content-Length body bytes. Bytes arrive in arbitrary pieces — a message split across reads, or
 * several in one read — and CRLF keep-alives (RFC 5626 §4.4.1) between messages are skipped.
 *
 * <p>A missing, unreadable or oversized Content-Length, or a header section that never ends, means
 * the stream can no longer be framed: it is counted as malformed, the buffered bytes are dropped and
 * {@link #feed} returns false so the owner closes the connection. Nothing is thrown. One framer per
 * connection, used by one thread.
 */
public final class SipStreamFramer {

    /** Larger than any message a registrar or handset sends; bigger ones are treated as garbage. */
    public static final int MAX_MESSAGE_BYTES = 65_536;
    private static final int INITIAL_BUFFER = 2048;

    private byte[] buffer = new byte[INITIAL_BUFFER];
    private int start;
    private int end;
    private long messages;
    private long malformed;

    /**
     * Appends {@code bytes} (consumed entirely) and hands each complete message to {@code sink}. The
     * message buffer is only valid during the call (copy what you keep).
     *
     * @return false when framing was lost (counted in {@link #malformed()}); the caller should close
     */
    public boolean feed(ByteBuffer bytes, Consumer<ByteBuffer> sink) {
        while (bytes.hasRemaining()) {
            compact();
            if (end == buffer.length) {
                if (buffer.length >= MAX_MESSAGE_BYTES) {
                    bytes.position(bytes.limit());
                    return lost(); // a header section or body beyond any real message
                }
                byte[] larger = new byte[Math.min(MAX_MESSAGE_BYTES, buffer.length * 2)];
                System.arraycopy(buffer, 0, larger, 0, end);
                buffer = larger;
            }
            int n = Math.min(bytes.remaining(), buffer.length - end);
            bytes.get(buffer, end, n);
            end += n;
            if (!extract(sink)) {
                bytes.position(bytes.limit()); // the rest cannot be framed either
                return false;
            }
        }
        return true;
    }

    /** Messages handed to sinks so far. */
    public long messages() {
        return messages;
    }

    /** Times framing was lost: bad or missing Content-Length, or a message too large. */
    public long malformed() {
        return malformed;
    }

    /** Bytes held, waiting for the rest of a message. */
    public int buffered() {
        return end - start;
    }

    private boolean extract(Consumer<ByteBuffer> sink) {
        while (true) {
            while (start < end && (buffer[start] == '\r' || buffer[start] == '\n')) {
                start++;
            }
            int headerEnd = indexOfBlankLine();
            if (headerEnd < 0) {
                return true;
            }
            long bodyLength = contentLength(start, headerEnd);
            if (bodyLength < 0) {
                return lost();
            }
            long total = headerEnd + 4L - start + bodyLength;
            if (total > MAX_MESSAGE_BYTES) {
                return lost();
            }
            if (end - start < total) {
                return true;
            }
            messages++;
            sink.accept(ByteBuffer.wrap(buffer, start, (int) total).slice());
            start += (int) total;
        }
    }

    /** Index of the CR of the first CRLFCRLF from {@code start}, or -1. */
    private int indexOfBlankLine() {
        for (int i = start; i + 3 < end; i++) {
            if (buffer[i] == '\r' && buffer[i + 1] == '\n' && buffer[i + 2] == '\r' && buffer[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /**
     * The Content-Length (or compact {@code l}) value in the header lines between {@code from} and
     * {@code to}, or -1 when missing, repeated with different values, or not a small number.
     */
    private long contentLength(int from, int to) {
        long found = -1;
        int line = from;
        while (line < to) {
            int eol = line;
            while (eol < to && buffer[eol] != '\r') {
                eol++;
            }
            int colon = headerValueStart(line, eol);
            if (colon >= 0) {
                long value = number(colon, eol);
                if (value < 0 || (found >= 0 && found != value)) {
                    return -1;
                }
                found = value;
            }
            line = eol + 2;
        }
        return found;
    }

    /** If the line is a Content-Length header, the index after its colon; else -1. */
    private int headerValueStart(int line, int eol) {
        int nameEnd = line;
        while (nameEnd < eol && buffer[nameEnd] != ':' && buffer[nameEnd] != ' ' && buffer[nameEnd] != '\t') {
            nameEnd++;
        }
        if (!nameIs(line, nameEnd, "content-length") && !nameIs(line, nameEnd, "l")) {
            return -1;
        }
        int colon = nameEnd;
        while (colon < eol && (buffer[colon] == ' ' || buffer[colon] == '\t')) {
            colon++;
        }
        return colon < eol && buffer[colon] == ':' ? colon + 1 : -1;
    }

    private boolean nameIs(int from, int to, String lowerCaseName) {
        if (to - from != lowerCaseName.length()) {
            return false;
        }
        for (int i = 0; i < lowerCaseName.length(); i++) {
            if (Character.toLowerCase((char) buffer[from + i]) != lowerCaseName.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Digits between optional whitespace, at most {@link #MAX_MESSAGE_BYTES}; -1 otherwise. */
    private long number(int from, int to) {
        while (from < to && (buffer[from] == ' ' || buffer[from] == '\t')) {
            from++;
        }
        while (to > from && (buffer[to - 1] == ' ' || buffer[to - 1] == '\t')) {
            to--;
        }
        if (from == to || to - from > 6) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            if (buffer[i] < '0' || buffer[i] > '9') {
                return -1;
            }
            value = value * 10 + (buffer[i] - '0');
        }
        return value <= MAX_MESSAGE_BYTES ? value : -1;
    }

    private boolean lost() {
        malformed++;
        start = 0;
        end = 0;
        return false;
    }

    private void compact() {
        if (start == 0) {
            return;
        }
        System.arraycopy(buffer, start, buffer, 0, end - start);
        end -= start;
        start = 0;
    }
}
