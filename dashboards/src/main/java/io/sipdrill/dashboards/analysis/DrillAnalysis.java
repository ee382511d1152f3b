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

    /**
     * For a journal without an end line (sipdrill killed with SIGKILL, a crash, a power cut), what a
     * reader must know: the run did not end, where its journal stops in drill and real-equivalent
     * time, and which faults were still on then (nothing in the journal says they were ever
     * reverted). Empty for a run that ended, however it ended.
     */
    public java.util.Optional<String> cutOff() {
        if (info.endReason() != null) {
            return java.util.Optional.empty();
        }
        double drillS = info.durationS() / info.timeScale();
        String open = faults.windows().stream().filter(w -> w.endS() == null)
                .map(w -> w.name() + " on " + w.target()).reduce((a, b) -> a + ", " + b).orElse(null);
        return java.util.Optional.of(String.format(java.util.Locale.ROOT,
                "the run did not end (interrupted or killed: the journal has no end line); it ends at t=%.1f s of drill time"
                        + " (%.1f s real-equivalent)%s; the numbers and SLO verdicts cover only that much",
                drillS, info.durationS(), open == null ? "" : " with faults still on: " + open));
    }
}
