package io.sipdrill.dashboards.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Run B (the candidate) against run A (the baseline), metric by metric, in A's order with B's extra
 * metrics after.
 *
 * <pre>{@code
 * RunComparison c = RunComparison.of(ComparableRuns.open(baseline), ComparableRuns.open(candidate), 10);
 * c.regressions().forEach(r -> System.out.println(r.metric().label()));
 * }</pre>
 */
public record RunComparison(ComparableRun a, ComparableRun b, double thresholdPct, List<MetricChange> changes) {

    public static final double DEFAULT_THRESHOLD_PCT = 10;

    public RunComparison {
        changes = List.copyOf(changes);
    }

    /**
     * @throws IllegalArgumentException when the threshold is negative or not a number
     */
    public static RunComparison of(ComparableRun a, ComparableRun b, double thresholdPct) {
        if (!(thresholdPct >= 0) || Double.isInfinite(thresholdPct)) {
            throw new IllegalArgumentException("threshold must be a percentage ≥ 0, got " + thresholdPct);
        }
        Map<String, MetricValue> inA = byKey(a.metrics());
        Map<String, MetricValue> inB = byKey(b.metrics());
        Map<String, Metric> all = new LinkedHashMap<>();
        inA.values().forEach(v -> all.put(v.metric().key(), v.metric()));
        inB.values().forEach(v -> all.putIfAbsent(v.metric().key(), v.metric()));
        List<MetricChange> changes = new ArrayList<>();
        all.forEach((key, metric) -> changes.add(ChangeJudge.judge(metric, inA.get(key), inB.get(key), thresholdPct)));
        return new RunComparison(a, b, thresholdPct, changes);
    }

    public List<MetricChange> regressions() {
        return changes.stream().filter(MetricChange::regressed).toList();
    }

    public boolean regressed() {
        return changes.stream().anyMatch(MetricChange::regressed);
    }

    private static Map<String, MetricValue> byKey(List<MetricValue> values) {
        Map<String, MetricValue> m = new LinkedHashMap<>();
        values.forEach(v -> m.putIfAbsent(v.metric().key(), v));
        return m;
    }
}
