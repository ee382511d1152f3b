package io.sipdrill.load.sip.codec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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

    /**
     * Canonical names of the names seen so far, as sent and as asked for: a handful in practice
     * ("Via", "v", "Call-ID", …), so lower-casing leaves the hot path. Bounded, because a peer may
     * send any name (fuzzers do); past the bound names are canonicalised each time.
     */
    private static final Map<String, String> CANONICAL = new ConcurrentHashMap<>();
    private static final int CANONICAL_CACHE_LIMIT = 512;

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
        String known = CANONICAL.get(name);
        if (known != null) {
            return known;
        }
        String lower = name.strip().toLowerCase(Locale.ROOT);
        String full = COMPACT.getOrDefault(lower, lower);
        if (CANONICAL.size() < CANONICAL_CACHE_LIMIT) {
            CANONICAL.put(name, full);
        }
        return full;
    }

    private List<String[]> lines() {
        List<String[]> l = lines;
        if (l == null) {
            l = parse(block);
            lines = l;
        }
        return l;
    }

    /** One pass over the bytes: a line per CRLF, LF or CR, folded continuations joined (RFC 3261 §7.3.1). */
    private static List<String[]> parse(byte[] block) {
        List<String[]> out = new ArrayList<>(16);
        String name = null;
        StringBuilder folded = null;
        String value = null;
        int i = 0;
        while (i < block.length) {
            int end = i;
            while (end < block.length && block[end] != '\r' && block[end] != '\n') {
                end++;
            }
            if (end == i) {
                break; // the blank line: end of the headers
            }
            if ((block[i] == ' ' || block[i] == '\t') && name != null) {
                if (folded == null) {
                    folded = new StringBuilder(value);
                }
                folded.append(' ').append(ascii(block, i, end).strip());
            } else {
                add(out, name, folded != null ? folded.toString() : value);
                folded = null;
                name = null;
                int colon = indexOf(block, (byte) ':', i, end);
                if (colon > i) {
                    name = ascii(block, i, colon).strip();
                    value = ascii(block, colon + 1, end).strip();
                }
            }
            i = end + (end + 1 < block.length && block[end] == '\r' && block[end + 1] == '\n' ? 2 : 1);
        }
        add(out, name, folded != null ? folded.toString() : value);
        return List.copyOf(out);
    }

    private static void add(List<String[]> out, String name, String value) {
        if (name != null && !name.isEmpty()) {
            out.add(new String[] {canonical(name), name, value});
        }
    }

    private static int indexOf(byte[] bytes, byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static String ascii(byte[] bytes, int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
    }
}
