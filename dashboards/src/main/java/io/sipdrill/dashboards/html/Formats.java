package io.sipdrill.dashboards.html;

import java.util.Locale;

/** How numbers read in the report. Locale.ROOT so a report is the same on every machine. */
final class Formats {

    static final String NOT_REACHED = "not reached";
    static final String NONE = "–";
    static final String NOT_MEASURED = "not measured";

    private Formats() {
    }

    /** Seconds, with minutes alongside once they are the easier unit. */
    static String seconds(Double s) {
        if (s == null) {
            return NOT_REACHED;
        }
        if (Math.abs(s) < 60) {
            return String.format(Locale.ROOT, "%.1f s", s);
        }
        return String.format(Locale.ROOT, "%.1f s (%.1f min)", s, s / 60);
    }

    static String minutes(Double s) {
        return s == null ? NONE : String.format(Locale.ROOT, "%.1f min", s / 60);
    }

    static String percent(Double pct) {
        return pct == null ? NONE : String.format(Locale.ROOT, "%.1f%%", pct);
    }

    static String millis(Double ms) {
        return ms == null ? NONE : String.format(Locale.ROOT, "%.2f", ms);
    }

    /** RTP loss, jitter and MOS: two decimals, and "not measured" rather than a dash (no media is not zero loss). */
    static String quality(Double v) {
        return v == null ? NOT_MEASURED : String.format(Locale.ROOT, "%.2f", v);
    }

    static String ratio(Double r) {
        return r == null ? NONE : String.format(Locale.ROOT, "%.3f", r);
    }

    /** A metric value whose unit the name carries (SLO table). */
    static String number(Double v) {
        if (v == null) {
            return NONE;
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%d", v.longValue());
        }
        return String.format(Locale.ROOT, "%s", v);
    }
}
