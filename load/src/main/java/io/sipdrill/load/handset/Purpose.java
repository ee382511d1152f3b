package io.sipdrill.load.handset;

import java.util.Locale;

/** Why a REGISTER was sent; the journal and report group transactions by it. */
public enum Purpose {
    INITIAL, REFRESH, RETRY, FAILOVER, FAILBACK, UNREGISTER;

    public String token() {
        return name().toLowerCase(Locale.ROOT);
    }
}
