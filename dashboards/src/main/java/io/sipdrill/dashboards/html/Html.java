package io.sipdrill.dashboards.html;

/**
 * Escaping for text and attribute values. Everything that came from a journal (drill names, fault
 * names, SLO names) goes through here: a journal is input, and input must not become markup. Public
 * for the other pages the dashboards write (compare.html).
 */
public final class Html {

    private Html() {
    }

    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
