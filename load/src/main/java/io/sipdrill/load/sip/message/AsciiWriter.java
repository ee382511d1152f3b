package io.sipdrill.load.sip.message;

import java.util.Arrays;

/** A reusable byte builder for ASCII SIP text; not thread-safe (one per event loop). */
public final class AsciiWriter {

    private byte[] buf = new byte[1024];
    private int len;

    public AsciiWriter reset() {
        len = 0;
        return this;
    }

    public AsciiWriter append(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, len, bytes.length);
        len += bytes.length;
        return this;
    }

    /** Appends a string known to be ASCII (SIP tokens, digests, numbers). */
    public AsciiWriter append(String ascii) {
        int n = ascii.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[len++] = (byte) ascii.charAt(i);
        }
        return this;
    }

    public AsciiWriter append(long value) {
        if (value < 0) {
            ensure(1);
            buf[len++] = '-';
            value = -value;
        }
        ensure(20);
        int start = len;
        do {
            buf[len++] = (byte) ('0' + value % 10);
            value /= 10;
        } while (value > 0);
        // digits were written backwards
        for (int i = start, j = len - 1; i < j; i++, j--) {
            byte t = buf[i];
            buf[i] = buf[j];
            buf[j] = t;
        }
        return this;
    }

    public int length() {
        return len;
    }

    /** A copy of what was written: transactions keep their request bytes for retransmission. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }

    private void ensure(int extra) {
        if (len + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
        }
    }
}
