package io.sipdrill.chaos.drill;

import java.math.BigDecimal;

/** Formats a percentage for messages: {@code 5%}, {@code 99.5%}. */
final class Percent {

    private Percent() {
    }

    static String format(double percent) {
        return BigDecimal.valueOf(percent).stripTrailingZeros().toPlainString() + "%";
    }
}
