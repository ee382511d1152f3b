package io.sipdrill.app.capacity;

/**
 * How the climb goes from one rate to the next: multiply ({@code 1.5}, {@code x1.5}) or add
 * ({@code +500}).
 */
public sealed interface RateStep {

    double next(double rate);

    /** One step down, for when the very first step already broke (never below half the rate). */
    double previous(double rate);

    record Factor(double factor) implements RateStep {
        public Factor {
            if (!(factor > 1) || Double.isInfinite(factor)) {
                throw new IllegalArgumentException("a step factor must be > 1, got " + factor);
            }
        }

        @Override
        public double next(double rate) {
            return rate * factor;
        }

        @Override
        public double previous(double rate) {
            return rate / factor;
        }

        @Override
        public String toString() {
            return "x" + Slo.plain(factor);
        }
    }

    record Increment(double add) implements RateStep {
        public Increment {
            if (!(add > 0) || Double.isInfinite(add)) {
                throw new IllegalArgumentException("a step increment must be > 0, got " + add);
            }
        }

        @Override
        public double next(double rate) {
            return rate + add;
        }

        @Override
        public double previous(double rate) {
            return Math.max(rate / 2, rate - add);
        }

        @Override
        public String toString() {
            return "+" + Slo.plain(add);
        }
    }

    /** {@code 1.5}, {@code x1.5} or {@code +500}. */
    static RateStep parse(String text) {
        String t = text.trim();
        try {
            if (t.startsWith("+")) {
                return new Increment(Double.parseDouble(t.substring(1)));
            }
            return new Factor(Double.parseDouble(t.startsWith("x") || t.startsWith("*") ? t.substring(1) : t));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is neither a factor (1.5, x1.5) nor an increment (+500)");
        }
    }
}
