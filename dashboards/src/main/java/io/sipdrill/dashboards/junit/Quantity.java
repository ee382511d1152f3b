package io.sipdrill.dashboards.junit;

import java.math.BigDecimal;

/**
 * A measured value or a bound with its unit, as a failure message shows it: {@code 97.8 %},
 * {@code 660 s}, {@code ≤ 600 s}. The unit follows the metric's name the way summary.json spells
 * it ({@code _s}, {@code _ms}, {@code _pct}); steady-state probes are always percentages.
 */
final class Quantity {

    private Quantity() {
    }

    /** The unit of a summary.json metric, from its name's suffix; empty for plain numbers (amplification, MOS). */
    static String unitOf(String metric) {
        // A suffix names the unit of the value itself or of the object holding percentiles (rtp.loss_pct.p95).
        if (metric.endsWith("_pct") || metric.contains("_pct.")) {
            return "%";
        }
        if (metric.endsWith("_ms") || metric.contains("_ms.")) {
            return "ms";
        }
        if (metric.endsWith("_s") || metric.endsWith("_seconds")) {
            return "s";
        }
        return "";
    }

    static String of(double value, String unit) {
        // No float noise and no pointless ".0": 600 s, 97.8 %, 2.143.
        String number = BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
        return unit.isEmpty() ? number : number + " " + unit;
    }

    /** "≥ 99 %", "≤ 600 s", "80 % … 100 %", or "any" when unbounded. */
    static String bound(Double min, Double max, String unit) {
        if (min != null && max != null) {
            return of(min, unit) + " … " + of(max, unit);
        }
        if (min != null) {
            return "≥ " + of(min, unit);
        }
        return max != null ? "≤ " + of(max, unit) : "any";
    }
}
