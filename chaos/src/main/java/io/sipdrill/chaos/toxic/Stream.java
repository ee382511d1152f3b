package io.sipdrill.chaos.toxic;

import java.util.Locale;

/**
 * Which way through a route a toxic acts, as in Toxiproxy: {@code upstream} is client to upstream
 * server (a handset's REGISTER), {@code downstream} is the way back (the registrar's 200 OK).
 */
public enum Stream {
    UPSTREAM, DOWNSTREAM;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException for anything but {@code upstream} or {@code downstream} */
    public static Stream parse(String text) {
        for (Stream s : values()) {
            if (s.wireName().equals(text)) {
                return s;
            }
        }
        throw new IllegalArgumentException("stream was invalid, can be either upstream or downstream");
    }
}
