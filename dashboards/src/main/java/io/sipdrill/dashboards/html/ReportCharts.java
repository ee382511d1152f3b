package io.sipdrill.dashboards.html;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sipdrill.dashboards.analysis.DrillAnalysis;
import io.sipdrill.dashboards.analysis.DrillSeries;
import io.sipdrill.dashboards.analysis.FaultWindow;
import io.sipdrill.dashboards.analysis.Series;
import io.sipdrill.dashboards.analysis.TimeSeries;
import io.sipdrill.dashboards.analysis.TimelinePoint;

import java.util.ArrayList;
import java.util.List;

/**
 * Chooses the report's charts from the analysis and writes them as the page's JSON. A chart is
 * listed only when it has something to draw, so a registration-only drill has no call charts and
 * every container on the page ends up with a drawn chart.
 */
final class ReportCharts {

    /** More handset samples than the chart has pixels only bloats the file. */
    private static final int MAX_TIMELINE_POINTS = 2400;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportCharts() {
    }

    static ReportData of(DrillAnalysis analysis) {
        DrillSeries s = analysis.series();
        List<ChartData> charts = new ArrayList<>();
        handsets(analysis).ifPresent(charts::add);
        add(charts, "register-rate", "REGISTER transactions by outcome", "REGISTER per minute", null, 0.0, null,
                s.registerRate());
        add(charts, "register-latency", "REGISTER latency percentiles", "ms", null, 0.0, null, s.registerLatency());
        add(charts, "retransmissions", "Retransmissions (amplification)", "retransmissions per minute",
                "transmissions per REGISTER", 0.0, null, s.retransmissions());
        add(charts, "call-setup", "Call setup and post-dial delay percentiles", "ms", null, 0.0, null, s.callSetup());
        add(charts, "call-success", "Calls answered (handset or voicemail)", "% of attempted", null, 0.0, 100.0,
                s.callSuccess());
        add(charts, "mos", "Media quality (E-model MOS)", "MOS", null, 1.0, 5.0, s.mos());

        List<ReportData.Fault> faults = new ArrayList<>();
        for (FaultWindow w : analysis.faults().windows()) {
            faults.add(new ReportData.Fault(faultLabel(w), minutes(w.startS()),
                    w.endS() == null ? null : minutes(w.endS())));
        }
        String drill = analysis.info().drill() == null ? "unnamed drill" : analysis.info().drill();
        return new ReportData(drill, minutes(Math.max(analysis.info().durationS(), lastFaultS(analysis))),
                s.buckets().widthS(), faults, charts);
    }

    /** The name and target as the report's tables spell a fault: {@code cpu-squeeze → pbx-1}. */
    static String faultLabel(FaultWindow w) {
        return (w.name() == null ? "unnamed fault" : w.name()) + (w.target() == null ? "" : " → " + w.target());
    }

    /**
     * The JSON for a {@code <script type="application/json">} block. {@code <} is written as
     * {@code \u003c} (still the same JSON string) so a fault or drill name holding
     * {@code </script>} cannot end the block early.
     */
    static String json(ReportData data) {
        try {
            return JSON.writeValueAsString(data).replace("<", "\\u003c");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the chart data", e);
        }
    }

    private static java.util.Optional<ChartData> handsets(DrillAnalysis analysis) {
        List<TimelinePoint> points = analysis.timeline().points();
        if (points.isEmpty()) {
            return java.util.Optional.empty();
        }
        List<Double> x = new ArrayList<>();
        List<Double> primary = new ArrayList<>();
        List<Double> backup = new ArrayList<>();
        List<Double> nowhere = new ArrayList<>();
        int stride = Math.max(1, (points.size() + MAX_TIMELINE_POINTS - 1) / MAX_TIMELINE_POINTS);
        for (int i = 0; i < points.size(); i++) {
            // Thinned by stride, but the last point always kept: it is the drill's end state.
            if (i % stride != 0 && i != points.size() - 1) {
                continue;
            }
            TimelinePoint p = points.get(i);
            x.add(minutes(p.tS()));
            primary.add((double) p.primary());
            backup.add((double) p.backup());
            nowhere.add((double) p.nowhere());
        }
        List<ChartData.Line> lines = List.of(new ChartData.Line("primary", "primary", "left", primary),
                new ChartData.Line("backup", "backup", "left", backup),
                new ChartData.Line("nowhere", "nowhere (not registered)", "left", nowhere));
        return java.util.Optional.of(new ChartData("handsets", "Handsets per POP", "handsets", null, 0.0, null,
                true, x, lines));
    }

    private static void add(List<ChartData> charts, String id, String title, String yLabel, String yLabelRight,
                            Double yMin, Double yMax, TimeSeries ts) {
        if (!ts.hasData()) {
            return;
        }
        List<ChartData.Line> lines = new ArrayList<>();
        for (Series s : ts.series()) {
            // A ratio next to per-minute counts needs its own axis, or it flattens onto zero.
            String axis = yLabelRight != null && s.key().startsWith("per_") ? "right" : "left";
            lines.add(new ChartData.Line(s.key(), s.label(), axis, finiteOrGap(s.values())));
        }
        charts.add(new ChartData(id, title, yLabel, yLabelRight, yMin, yMax, false, ts.xMin(), lines));
    }

    /** JSON has no NaN or infinity (Jackson would write a bare NaN the page cannot parse): a gap instead. */
    private static List<Double> finiteOrGap(List<Double> values) {
        List<Double> out = new ArrayList<>(values.size());
        for (Double v : values) {
            out.add(v == null || !Double.isFinite(v) ? null : v);
        }
        return out;
    }

    private static double lastFaultS(DrillAnalysis analysis) {
        return analysis.faults().windows().stream()
                .mapToDouble(w -> w.endS() == null ? w.startS() : w.endS()).max().orElse(0);
    }

    private static double minutes(double seconds) {
        return Math.round(seconds / 60 * 10_000) / 10_000.0;
    }
}
