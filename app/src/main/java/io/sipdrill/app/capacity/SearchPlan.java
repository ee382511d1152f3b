package io.sipdrill.app.capacity;

/**
 * How the search runs: where the climb starts, how it steps and where it stops, what a step must
 * meet, and how many steps confirm the breaking point on the way down.
 *
 * @param bisections steps bisecting between the last good and the first bad rate (fewer when the gap
 *                   is already within {@code resolutionPct} of the good rate)
 */
public record SearchPlan(double start, RateStep step, double max, Slo slo, int bisections, double resolutionPct) {

    /**
     * The highest rate a search may try. The target is always one sipdrill started fresh on
     * loopback, so this only guards the machine itself from a typo ({@code --max 5e9}).
     */
    public static final double MAX_RATE = 200_000;
    /** Bisections at most: each halves the gap, so more than this is below any machine's noise. */
    public static final int MAX_BISECTIONS = 10;

    public SearchPlan {
        if (!(start >= 1) || !(max >= start) || Double.isInfinite(max)) {
            throw new IllegalArgumentException("need 1 <= start <= max, got start " + start + ", max " + max);
        }
        if (max > MAX_RATE) {
            throw new IllegalArgumentException("--max " + Slo.plain(max) + " is above " + Slo.plain(MAX_RATE) + "/s, the most a search tries");
        }
        if (bisections > MAX_BISECTIONS) {
            throw new IllegalArgumentException("bisections must be at most " + MAX_BISECTIONS + ", got " + bisections);
        }
        if (bisections < 0 || !(resolutionPct > 0)) {
            throw new IllegalArgumentException("bisections must be >= 0 and resolution > 0");
        }
    }

    /**
     * Steps the climb takes from {@code start} to {@code max} when nothing breaks (the longest
     * search), counted up to {@code limit + 1}: {@code --step +1} to 50,000 need not be counted out.
     */
    public int climbSteps(int limit) {
        int steps = 1;
        for (double rate = start; rate < max && steps <= limit; steps++) {
            rate = step.next(rate);
        }
        return steps;
    }

    public static SearchPlan of(double start, RateStep step, double max, Slo slo) {
        return new SearchPlan(start, step, max, slo, 2, 5);
    }
}
