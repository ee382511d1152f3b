package io.sipdrill.dashboards.analysis;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Rounds measurements once, inside the analysis, so summary.json, report.html and the SLO verdicts
 * all see the same number (a T50 shown as 600.0 must not fail a "≤ 600" bound on a hidden 600.0004).
 */
final class Rounding {

    static final int SECONDS = 1;
    static final int PERCENT = 1;
    static final int LATENCY_MS = 2;
    static final int RATIO = 3;
    /** RTP loss %, jitter ms and MOS: two decimals tell 0.05% loss from none and MOS 4.41 from 4.4. */
    static final int MEDIA = 2;

    private Rounding() {
    }

    static double round(double value, int digits) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return value;
        }
        return BigDecimal.valueOf(value).setScale(digits, RoundingMode.HALF_UP).doubleValue();
    }

    static Double round(Double value, int digits) {
        return value == null ? null : round(value.doubleValue(), digits);
    }

    /** {@code part} as a percentage of {@code whole}; null when there is no whole to speak of. */
    static Double percent(int part, int whole) {
        return whole == 0 ? null : round(100.0 * part / whole, PERCENT);
    }
}
