package io.sipdrill.dashboards.analysis;

import io.sipdrill.dashboards.slo.SloVerdict;

import java.util.List;

/**
 * Everything the report says about one drill, all times in real-equivalent seconds ({@code series}:
 * the same drill bucketed over time, for the charts). Built by
 * {@link DrillAnalyzer}; rendered by the summary and HTML writers, which add no arithmetic of
 * their own.
 */
public record DrillAnalysis(DrillInfo info, FaultSchedule faults, DrillMetrics metrics,
                            Timeline timeline, List<SloVerdict> slo, boolean sloPassed,
                            DrillSeries series) {

    public DrillAnalysis {
        slo = List.copyOf(slo);
    }
}
