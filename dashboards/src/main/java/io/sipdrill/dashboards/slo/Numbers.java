package io.sipdrill.dashboards.slo;

import java.math.BigDecimal;

/** Prints a bound without float noise or a pointless ".0" (600, not 600.0; 99.9 stays 99.9). */
final class Numbers {

    private Numbers() {
    }

    static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
