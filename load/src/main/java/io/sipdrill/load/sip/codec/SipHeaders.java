package io.sipdrill.load.sip.codec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A response's header lines, kept as the bytes that arrived and split into name/value pairs only
 * when first asked. For checks and rare look-ups, not for the handsets' hot path.
 *
 * <pre>{@code
 * String contact = response.headers().first("Contact"); // also matches a compact "m:" line
 * }</pre>
 */
public final class SipHeaders {

    /** RFC 3261 §7.3.3 compact forms (plus the common extensions) and their full names, lower case. */
    private static final Map<String, String> COMPACT = Map.ofEntries(
            Map.entry("i", "call-id"), Map.entry("m", "contact"), Map.entry("e", "content-encoding"),
            Map.entry("l", "content-length"), Map.entry("c", "content-type"), Map.entry("f", "from"),
            Map.entry("s", "subject"), Map.entry("k", "supported"), Map.entry("t", "to"), Map.entry("v", "via"),
            Map.entry("o", "event"), Map.entry("u", "allow-events"), Map.entry("r", "refer-to"),
            Map.entry("x", "session-expires"));

    private final byte[] block;
    private volatile List<String[]> lines; // {lower-case full name, name as sent, value}

    /** @param block the header lines as received (CRLF or LF separated), without status line or body */
    public SipHeaders(byte[] block) {
        this.block = block;
    }

    /** The first value of {@code name}, or null if absent. */
    public String first(String name) {
        String key = canonical(name);
        for (String[] line : lines()) {
            if (line[0].equals(key)) {
                return line[2];
            }
        }
        return null;
    }

    /** Every line's value for {@code name}, in order (a line with several comma-separated values stays one entry). */
    public List<String> all(String name) {
        String key = canonical(name);
        List<String> values = new ArrayList<>();
        for (String[] line : lines()) {
            if (line[0].equals(key)) {
                values.add(line[2]);
            }
        }
        return values;
    }

    /** Header names as sent, in order, repeated names included. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        for (String[] line : lines()) {
            names.add(line[1]);
        }
        return names;
    }

    @Override
    public String toString() {
        return new String(block, StandardCharsets.ISO_8859_1);
    }

    private static String canonical(String name) {
        String lower = name.strip().toLowerCase(Locale.ROOT);
        return COMPACT.getOrDefault(lower, lower);
    }

    private List<String[]> lines() {
        List<String[]> l = lines;
        if (l == null) {
            l = parse(toString());
            lines = l;
        }
        return l;
    }

    private static List<String[]> parse(String text) {
        List<String[]> out = new ArrayList<>();
        String[] raw = text.split("\r\n|\n|\r");
        StringBuilder current = null;
        for (String line : raw) {
            if (line.isEmpty()) {
                break;
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && current != null) {
                current.append(' ').append(line.strip()); // folded continuation (RFC 3261 §7.3.1)
                continue;
            }
            add(out, current);
            current = new StringBuilder(line);
        }
        add(out, current);
        return List.copyOf(out);
    }

    private static void add(List<String[]> out, StringBuilder line) {
        if (line == null) {
            return;
        }
        int colon = line.indexOf(":");
        if (colon <= 0) {
            return;
        }
        String name = line.substring(0, colon).strip();
        out.add(new String[] {canonical(name), name, line.substring(colon + 1).strip()});
    }
}
