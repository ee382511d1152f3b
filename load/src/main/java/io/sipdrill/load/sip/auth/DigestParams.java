package io.sipdrill.load.sip.auth;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Splits a {@code Digest k=v, k="v"} header value into its parameters. Parameter names are
 * lower-cased; quoted values are unquoted (backslash escapes honoured), so commas inside a quoted
 * {@code qop="auth,auth-int"} stay in the value.
 */
final class DigestParams {

    private static final String SCHEME = "digest";

    private DigestParams() {
    }

    static Map<String, String> parse(String value, String headerKind) {
        if (value == null) {
            throw new IllegalArgumentException(headerKind + " is missing");
        }
        String v = value.strip();
        if (v.length() < SCHEME.length() || !v.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
                || (v.length() > SCHEME.length() && !Character.isWhitespace(v.charAt(SCHEME.length())))) {
            throw new IllegalArgumentException(headerKind + " is not a Digest header: '" + value + "'");
        }
        Map<String, String> params = new HashMap<>(16);
        int i = SCHEME.length();
        int n = v.length();
        while (i < n) {
            while (i < n && (v.charAt(i) == ',' || Character.isWhitespace(v.charAt(i)))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int nameStart = i;
            while (i < n && v.charAt(i) != '=' && v.charAt(i) != ',' && !Character.isWhitespace(v.charAt(i))) {
                i++;
            }
            String name = v.substring(nameStart, i).toLowerCase(Locale.ROOT);
            while (i < n && Character.isWhitespace(v.charAt(i))) {
                i++;
            }
            if (i >= n || v.charAt(i) != '=') {
                throw new IllegalArgumentException(headerKind + ": parameter '" + name + "' has no value in '" + value + "'");
            }
            i++;
            while (i < n && Character.isWhitespace(v.charAt(i))) {
                i++;
            }
            String val;
            if (i < n && v.charAt(i) == '"') {
                StringBuilder sb = new StringBuilder();
                i++;
                boolean closed = false;
                while (i < n) {
                    char c = v.charAt(i++);
                    if (c == '\\' && i < n) {
                        sb.append(v.charAt(i++));
                    } else if (c == '"') {
                        closed = true;
                        break;
                    } else {
                        sb.append(c);
                    }
                }
                if (!closed) {
                    throw new IllegalArgumentException(headerKind + ": unterminated quoted value for '" + name + "'");
                }
                val = sb.toString();
            } else {
                int start = i;
                while (i < n && v.charAt(i) != ',' && !Character.isWhitespace(v.charAt(i))) {
                    i++;
                }
                val = v.substring(start, i);
            }
            params.put(name, val);
        }
        return params;
    }

    static String require(Map<String, String> params, String name, String headerKind) {
        String v = params.get(name);
        if (v == null || v.isEmpty()) {
            throw new IllegalArgumentException(headerKind + " has no " + name + " parameter");
        }
        return v;
    }
}
