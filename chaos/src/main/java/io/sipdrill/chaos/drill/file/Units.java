package io.sipdrill.chaos.drill.file;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The units drill files write: durations as a number and a unit, which may be chained
 * ({@code 250ms}, {@code 30s}, {@code 10m}, {@code 1h30m}, {@code 1.5s}), and percentages with a
 * percent sign ({@code 5%}, {@code 99.5%}). A bare number is never a duration: {@code 10} could be
 * seconds or minutes, so it is refused with a message that shows how to write one.
 */
public final class Units {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");
    private static final Pattern DURATION = Pattern.compile("(?:\\d+(?:\\.\\d+)?(?:ms|s|m|h))+");
    private static final Pattern PERCENT = Pattern.compile("(-?\\d+(?:\\.\\d+)?)\\s*%");

    private Units() {
    }

    /** {@code 10m} → 10 minutes. @throws IllegalArgumentException with a one-line reason */
    public static Duration duration(String text) {
        String t = text == null ? "" : text.trim();
        if (!DURATION.matcher(t).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (write a number and a unit: 250ms, 30s, 10m, 1h30m)");
        }
        Matcher m = PART.matcher(t);
        BigDecimal nanos = BigDecimal.ZERO;
        while (m.find()) {
            BigDecimal n = new BigDecimal(m.group(1));
            long unit = switch (m.group(2)) {
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                default -> 3_600_000_000_000L;
            };
            nanos = nanos.add(n.multiply(BigDecimal.valueOf(unit)));
        }
        return Duration.ofNanos(nanos.longValue());
    }

    /** {@code 5%} → 5.0 (percent). @throws IllegalArgumentException with a one-line reason */
    public static double percent(String text) {
        Matcher m = PERCENT.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a percentage (write it with a percent sign: 5%, 99.5%)");
        }
        return Double.parseDouble(m.group(1));
    }

    /** A share of a whole: {@code 70%} or {@code 0.7} → 0.7. */
    public static double share(String text) {
        String t = text == null ? "" : text.trim();
        if (t.endsWith("%")) {
            return percent(t) / 100.0;
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a share (write 0.7 or 70%)");
        }
    }

    /** {@code 10m} → {@code 10m}, {@code 90s} → {@code 1m30s}: for messages. */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        StringBuilder b = new StringBuilder();
        long h = d.toHours();
        long m = d.toMinutesPart();
        long s = d.toSecondsPart();
        long ms = d.toMillisPart();
        if (h > 0) b.append(h).append('h');
        if (m > 0) b.append(m).append('m');
        if (s > 0) b.append(s).append('s');
        if (ms > 0) b.append(ms).append("ms");
        return b.toString();
    }
}
