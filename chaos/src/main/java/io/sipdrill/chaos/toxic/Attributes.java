package io.sipdrill.chaos.toxic;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A toxic's attribute values after validation: every declared attribute present, in declared order. */
public final class Attributes {

    private final Map<String, Number> values;

    Attributes(Map<String, Number> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public long count(String name) {
        return get(name).longValue();
    }

    public double probability(String name) {
        return get(name).doubleValue();
    }

    /** The values, for JSON: counts as {@link Long}, probabilities as {@link Double}. */
    public Map<String, Number> asMap() {
        return values;
    }

    private Number get(String name) {
        Number n = values.get(name);
        if (n == null) {
            throw new IllegalStateException("no attribute " + name + " in " + values.keySet());
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Attributes a && a.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
