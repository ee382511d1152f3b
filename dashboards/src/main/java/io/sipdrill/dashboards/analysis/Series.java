package io.sipdrill.dashboards.analysis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One line of a chart: a value per bucket, null where the bucket has nothing to measure (no
 * REGISTER answered, no call attempted). Null rather than 0 so a chart shows a gap, not a
 * latency of 0 ms.
 *
 * @param key   stable name for the page's script and tests ({@code ok}, {@code p95}, {@code in})
 * @param label what the legend says, with its unit
 */
public record Series(String key, String label, List<Double> values) {

    public Series {
        Objects.requireNonNull(key, "key");
        // List.copyOf refuses nulls, and nulls are the gaps.
        values = Collections.unmodifiableList(new ArrayList<>(values));
    }

    /** How many buckets have a value. */
    public int points() {
        return (int) values.stream().filter(Objects::nonNull).count();
    }
}
