package io.sipdrill.load.handset;

import java.util.Locale;

/**
 * When a handset that failed over tries the primary again (Poly {@code failOver.failBack.mode},
 * Yealink {@code failback_mode}).
 */
public enum FailbackMode {
    /** Try the primary at each registration refresh. */
    REGISTRATION,
    /** Try the primary after a failback timer. */
    DURATION,
    /** Stay on the backup until the drill ends (the handsets that get stuck). */
    NEVER;

    public String token() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code registration|duration|never}; the error lists the choices. */
    public static FailbackMode fromToken(String token) {
        for (FailbackMode m : values()) {
            if (m.token().equalsIgnoreCase(token)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown failback mode '" + token + "' (registration, duration or never)");
    }
}
