package io.sipdrill.app.capacity;

/**
 * How the search runs: where the climb starts, how it steps and where it stops, what a step must
 * meet, and how many steps confirm the breaking point on the way down.
 *
 * @param bisections steps bisecting between the last good and the first bad rate (fewer when the gap
 *                   is already within {@code resolutionPct} of the good rate)
 */
public record SearchPlan(double start, RateStep step, double max, Slo slo, int bisections, double resolutionPct) {

    public SearchPlan {
        if (!(start >= 1) || !(max >= start) || Double.isInfinite(max)) {
            throw new IllegalArgumentException("need 1 <= start <= max, got start " + start + ", max " + max);
        }
        if (bisections < 0 || !(resolutionPct > 0)) {
            throw new IllegalArgumentException("bisections must be >= 0 and resolution > 0");
        }
    }

    public static SearchPlan of(double start, RateStep step, double max, Slo slo) {
        return new SearchPlan(start, step, max, slo, 2, 5);
    }
}
