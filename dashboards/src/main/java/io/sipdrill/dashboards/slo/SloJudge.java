package io.sipdrill.dashboards.slo;

import io.sipdrill.load.journal.JournalEvent.Slo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Holds metrics to the drill's SLO bounds. A metric that was never reached (null) fails any bound:
 * a failover that never hit T90 must not pass "failover.t90_s ≤ 600". An SLO naming a metric the
 * report does not know fails too, so a typo in a drill file cannot pass silently.
 *
 * <pre>{@code
 * List<SloVerdict> verdicts = SloJudge.judge(drillStarted.slo(), metrics.byName());
 * }</pre>
 */
public final class SloJudge {

    private SloJudge() {
    }

    /** One verdict per SLO, in the drill file's order. */
    public static List<SloVerdict> judge(Map<String, Slo> slos, Map<String, Double> metrics) {
        List<SloVerdict> verdicts = new ArrayList<>();
        if (slos == null) {
            return verdicts;
        }
        slos.forEach((name, bound) -> verdicts.add(judgeOne(name, bound, metrics)));
        return List.copyOf(verdicts);
    }

    public static boolean allPassed(List<SloVerdict> verdicts) {
        return verdicts.stream().allMatch(SloVerdict::passed);
    }

    private static SloVerdict judgeOne(String name, Slo bound, Map<String, Double> metrics) {
        if (!metrics.containsKey(name)) {
            return new SloVerdict(name, null, bound, false, "unknown metric");
        }
        Double value = metrics.get(name);
        Double min = bound == null ? null : bound.min();
        Double max = bound == null ? null : bound.max();
        if (value == null) {
            boolean bounded = min != null || max != null;
            return new SloVerdict(name, null, bound, !bounded, bounded ? "not reached" : null);
        }
        boolean passed = (min == null || value >= min) && (max == null || value <= max);
        return new SloVerdict(name, value, bound, passed, null);
    }
}
