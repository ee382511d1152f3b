package io.sipdrill.chaos.toxic;

/**
 * One attribute of a toxic type, with Toxiproxy's name and unit and the value it takes when a
 * request leaves it out.
 */
public record Attribute(String name, Kind kind, Number defaultValue) {

    /** What values an attribute accepts. */
    public enum Kind {
        /** A whole number ≥ 0 (milliseconds, bytes, KB/s, …). */
        COUNT,
        /** A probability, 0 to 1. */
        PROBABILITY
    }

    public static Attribute count(String name, long defaultValue) {
        return new Attribute(name, Kind.COUNT, defaultValue);
    }

    public static Attribute probability(String name, double defaultValue) {
        return new Attribute(name, Kind.PROBABILITY, defaultValue);
    }

    /** @throws IllegalArgumentException naming the attribute when the value does not fit */
    Number check(Object value) {
        if (!(value instanceof Number n)) {
            throw new IllegalArgumentException("attribute " + name + " must be a number, not " + describe(value));
        }
        double d = n.doubleValue();
        return switch (kind) {
            case COUNT -> {
                if (d != Math.rint(d) || d < 0 || d > Long.MAX_VALUE) {
                    throw new IllegalArgumentException("attribute " + name + " must be a whole number ≥ 0, not " + n);
                }
                yield n.longValue();
            }
            case PROBABILITY -> {
                if (!(d >= 0 && d <= 1)) {
                    throw new IllegalArgumentException("attribute " + name + " must be between 0 and 1, not " + n);
                }
                yield d;
            }
        };
    }

    private static String describe(Object value) {
        return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    }
}
