package io.sipdrill.dashboards.analysis;

import java.util.Locale;

/** Where an instant falls relative to the faults: before t0, between t0 and tR, from tR on. */
public enum Phase {
    BASELINE,
    FAULT,
    RECOVERY;

    /** The phase's name as summary.json and SLO names spell it. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
