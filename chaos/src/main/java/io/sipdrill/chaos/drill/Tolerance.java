package io.sipdrill.chaos.drill;

/** What a probe's value (percent) must be for the steady state to hold. */
public sealed interface Tolerance {

    boolean accepts(double value);

    /** e.g. {@code ≥ 99%}, {@code ≤ 1%}, {@code 90%..100%}. */
    String describe();

    Double min();

    Double max();

    /** At least {@code min}. */
    record Min(double value) implements Tolerance {
        public boolean accepts(double v) { return v >= value; }
        public String describe() { return "≥ " + Percent.format(value); }
        public Double min() { return value; }
        public Double max() { return null; }
    }

    /** At most {@code max}. */
    record Max(double value) implements Tolerance {
        public boolean accepts(double v) { return v <= value; }
        public String describe() { return "≤ " + Percent.format(value); }
        public Double min() { return null; }
        public Double max() { return value; }
    }

    /** Between {@code min} and {@code max}, both included. */
    record Range(double low, double high) implements Tolerance {
        public Range {
            if (low > high) {
                throw new IllegalArgumentException("range min " + low + " is above its max " + high);
            }
        }
        public boolean accepts(double v) { return v >= low && v <= high; }
        public String describe() { return Percent.format(low) + ".." + Percent.format(high); }
        public Double min() { return low; }
        public Double max() { return high; }
    }
}
