package io.sipdrill.environments.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * A test oracle independent of every parser under test: whether a datagram's first line (up to the
 * first CRLF) is a SIP request line or status line at all. A datagram without one is malformed for
 * any receiver, so each receiver's malformed count must be at least the number of these it got.
 */
final class StartLine {

    private static final Pattern REQUEST = Pattern.compile("[A-Za-z]+ [\\x21-\\x7e]+ SIP/2\\.0");
    private static final Pattern STATUS = Pattern.compile("SIP/2\\.0 [1-6][0-9]{2} [\\x20-\\xff]*");

    private StartLine() {
    }

    /** True when the datagram does not start with a well-formed SIP request or status line. */
    static boolean broken(byte[] datagram) {
        String text = new String(datagram, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n");
        if (end < 0) {
            return true;
        }
        String first = text.substring(0, end);
        return !REQUEST.matcher(first).matches() && !STATUS.matcher(first).matches();
    }
}
