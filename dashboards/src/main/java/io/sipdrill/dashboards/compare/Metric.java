package io.sipdrill.dashboards.compare;

/**
 * A metric two runs can be compared on. {@code key} names it in compare.json (a summary.json path, or
 * a derived name such as {@code transactions_per_handset}); {@code label} and {@code unit} are what
 * people read. {@code nullIsNever}: a missing value means the milestone was never reached (a failover
 * T90 that never came), which is worse than any time; otherwise a null is simply "not measured"
 * (no call carried media) and is not judged.
 */
public record Metric(String key, String label, String unit, Direction direction, boolean nullIsNever) {

    public static Metric lowerIsBetter(String key, String label, String unit) {
        return new Metric(key, label, unit, Direction.LOWER_IS_BETTER, false);
    }

    public static Metric higherIsBetter(String key, String label, String unit) {
        return new Metric(key, label, unit, Direction.HIGHER_IS_BETTER, false);
    }

    /** A time to a milestone: lower is better and null is "never". */
    public static Metric timeToMilestone(String key, String label) {
        return new Metric(key, label, "s", Direction.LOWER_IS_BETTER, true);
    }

    public static Metric context(String key, String label, String unit) {
        return new Metric(key, label, unit, Direction.CONTEXT, false);
    }

    /** "failover T90 (s)", "MOS p5". */
    public String labelWithUnit() {
        return unit.isEmpty() ? label : label + " (" + unit + ")";
    }
}
