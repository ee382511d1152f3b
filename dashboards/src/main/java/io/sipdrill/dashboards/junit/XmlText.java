package io.sipdrill.dashboards.junit;

/**
 * Drops the characters XML 1.0 cannot carry even escaped (most C0 controls, lone surrogates, U+FFFE/F):
 * the stream writer escapes {@code <}, {@code &} and quotes but would pass these through, and a
 * CI server's parser would then reject the whole file.
 */
final class XmlText {

    private XmlText() {
    }

    static String clean(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            boolean loneSurrogate = Character.isSurrogate(text.charAt(i)) && Character.charCount(cp) == 1;
            if (!loneSurrogate && allowed(cp)) {
                out.appendCodePoint(cp);
            }
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    private static boolean allowed(int cp) {
        return cp == 0x9 || cp == 0xA || cp == 0xD
                || (cp >= 0x20 && cp <= 0xD7FF)
                || (cp >= 0xE000 && cp <= 0xFFFD)
                || (cp >= 0x10000 && cp <= 0x10FFFF);
    }
}
