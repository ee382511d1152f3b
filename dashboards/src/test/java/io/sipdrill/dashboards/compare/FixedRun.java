package io.sipdrill.dashboards.compare;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A run with hand-picked metrics, for judging changes without writing files. */
record FixedRun(String name, List<MetricValue> metrics) implements ComparableRun {

    static final Metric T90 = Metric.timeToMilestone("failover.t90_s", "failover T90");
    static final Metric P95 = Metric.lowerIsBetter("register_latency_ms.p95", "REGISTER latency p95", "ms");
    static final Metric ANSWERED = Metric.higherIsBetter("calls.answered_pct", "calls answered", "%");
    static final Metric MOS = Metric.higherIsBetter("rtp.mos.p5", "MOS p5", "");
    static final Metric HANDSETS = Metric.context("handsets", "handsets", "");
    static final Metric STUCK = Metric.lowerIsBetter("stuck_on_backup_pct", "stuck on backup", "%");

    static FixedRun of(String name, Object... metricThenValue) {
        List<MetricValue> values = new ArrayList<>();
        for (int i = 0; i < metricThenValue.length; i += 2) {
            Object v = metricThenValue[i + 1];
            values.add(new MetricValue((Metric) metricThenValue[i], v == null ? null : ((Number) v).doubleValue()));
        }
        return new FixedRun(name, values);
    }

    @Override
    public Path source() {
        return Path.of(name, "summary.json");
    }

    @Override
    public String description() {
        return "fixed run " + name;
    }
}
