package io.sipdrill.chaos.toxic;

import java.util.Locale;

/** The protocol a route carries: a TCP byte stream or UDP datagrams. Toxiproxy knows only {@code tcp}. */
public enum Transport {
    TCP, UDP;

    /** The API's spelling, {@code tcp} or {@code udp}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException for anything but {@code tcp} or {@code udp} */
    public static Transport parse(String text) {
        for (Transport t : values()) {
            if (t.wireName().equals(text)) {
                return t;
            }
        }
        throw new IllegalArgumentException("protocol must be tcp or udp, not '" + text + "'");
    }
}
