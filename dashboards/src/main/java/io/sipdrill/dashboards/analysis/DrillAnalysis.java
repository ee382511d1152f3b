package io.sipdrill.dashboards.analysis;

import io.sipdrill.dashboards.slo.SloVerdict;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the report says about one drill, all times in real-equivalent seconds. Built by
 * {@link DrillAnalyzer}; rendered by the summary, HTML and JUnit writers, which add no arithmetic of
 * their own. {@code steadyState} holds the hypothesis' probes in the order they were checked (empty
 * for a drill without one); {@code sloPassed} judges the SLOs alone, as it always has;
 * {@code series} is the same drill bucketed over time, for the charts; {@code malformed} the
 * malformed SIP messages each receiver counted (the journal's last {@code malformed} line; empty when
 * the journal has none).
 */
public record DrillAnalysis(DrillInfo info, FaultSchedule faults, DrillMetrics metrics,
                            Timeline timeline, List<SloVerdict> slo, boolean sloPassed,
                            List<SteadyStateProbe> steadyState, DrillSeries series,
                            Map<String, Long> malformed) {

    public DrillAnalysis {
        slo = List.copyOf(slo);
        steadyState = List.copyOf(steadyState);
        malformed = Collections.unmodifiableMap(new LinkedHashMap<>(malformed));
    }
}
