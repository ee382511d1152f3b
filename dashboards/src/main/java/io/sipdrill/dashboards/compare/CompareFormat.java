package io.sipdrill.dashboards.compare;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/** Values and changes as the table and compare.html show them; compare.json keeps the raw numbers. */
final class CompareFormat {

    static final String ABSENT = "—";
    static final String NEVER = "never";
    static final String NOT_MEASURED = "-";

    private CompareFormat() {
    }

    static String value(MetricChange c, boolean sideA) {
        boolean present = sideA ? c.inA() : c.inB();
        Double v = sideA ? c.a() : c.b();
        if (!present) {
            return ABSENT;
        }
        if (v == null) {
            return c.metric().nullIsNever() ? NEVER : NOT_MEASURED;
        }
        return number(v);
    }

    /** "+50.0%", "-3.2%", "0%", or why there is no percentage: "from 0", "never" (B never got there), "reached". */
    static String change(MetricChange c) {
        if (c.changePct() != null) {
            double pct = c.changePct();
            return pct == 0 ? "0%" : String.format(Locale.ROOT, "%+.1f%%", pct);
        }
        if (c.a() != null && c.b() != null) {
            return "from 0";
        }
        if (c.inA() && c.inB() && c.metric().nullIsNever() && (c.a() == null) != (c.b() == null)) {
            return c.b() == null ? NEVER : "reached";
        }
        return "";
    }

    /** Up to three decimals (four below 0.1, where a per-handset ratio lives), no trailing zeros. */
    static String number(double v) {
        int digits = Math.abs(v) < 0.1 ? 4 : 3;
        return BigDecimal.valueOf(v).setScale(digits, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    static String threshold(double pct) {
        return BigDecimal.valueOf(pct).stripTrailingZeros().toPlainString() + "%";
    }
}
