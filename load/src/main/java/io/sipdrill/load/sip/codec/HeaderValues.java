package io.sipdrill.load.sip.codec;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Small readers for header values (RFC 3261 §20, §25.1): name-addr URIs, parameters outside the
 * angle brackets, comma lists that respect quotes and brackets, and where a SIP URI points.
 */
public final class HeaderValues {

    private HeaderValues() {
    }

    /** Splits one header line's comma-separated values, leaving commas in quotes or {@code <…>} alone. */
    public static List<String> split(String value) {
        List<String> out = new ArrayList<>(2);
        boolean quoted = false;
        boolean angle = false;
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '<') {
                angle = true;
            } else if (!quoted && c == '>') {
                angle = false;
            } else if (c == ',' && !quoted && !angle) {
                out.add(value.substring(start, i).strip());
                start = i + 1;
            }
        }
        out.add(value.substring(start).strip());
        return out;
    }

    /** {@link #split} over several header lines, in order. */
    public static List<String> splitAll(List<String> lines) {
        List<String> out = new ArrayList<>(lines.size());
        for (String line : lines) {
            out.addAll(split(line));
        }
        return out;
    }

    /** A header parameter ({@code ;name=value} after the {@code >} of a name-addr), or null. */
    public static String param(String value, String name) {
        if (value == null) {
            return null;
        }
        int from = value.lastIndexOf('>') + 1;
        for (String part : value.substring(from).split(";")) {
            int eq = part.indexOf('=');
            String key = (eq < 0 ? part : part.substring(0, eq)).strip();
            if (key.equalsIgnoreCase(name)) {
                return eq < 0 ? "" : part.substring(eq + 1).strip();
            }
        }
        return null;
    }

    /** The URI of a name-addr ({@code "Bob" <sip:b@h>;tag=1} → {@code sip:b@h}) or addr-spec. */
    public static String uri(String value) {
        int lt = value.indexOf('<');
        if (lt >= 0) {
            int gt = value.indexOf('>', lt);
            return value.substring(lt + 1, gt < 0 ? value.length() : gt).strip();
        }
        int semi = value.indexOf(';');
        return (semi < 0 ? value : value.substring(0, semi)).strip();
    }

    /** The user part of a SIP URI ({@code sip:1000001@host} → {@code 1000001}), or "" if none. */
    public static String user(String uri) {
        String u = stripScheme(uri);
        int at = u.indexOf('@');
        return at < 0 ? "" : u.substring(0, at);
    }

    /** Where a SIP URI points: its host and port (5060 when absent). */
    public static InetSocketAddress address(String uri) {
        String u = stripScheme(uri);
        int at = u.indexOf('@');
        String hostPort = u.substring(at + 1);
        int end = hostPort.length();
        for (char stop : new char[] {';', '?', '>'}) {
            int i = hostPort.indexOf(stop);
            if (i >= 0) {
                end = Math.min(end, i);
            }
        }
        hostPort = hostPort.substring(0, end);
        int colon = hostPort.lastIndexOf(':');
        if (colon < 0 || hostPort.endsWith("]")) {
            return new InetSocketAddress(hostPort, 5060);
        }
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }

    private static String stripScheme(String uri) {
        String u = uri.strip();
        if (u.regionMatches(true, 0, "sips:", 0, 5)) {
            return u.substring(5);
        }
        return u.regionMatches(true, 0, "sip:", 0, 4) ? u.substring(4) : u;
    }
}
