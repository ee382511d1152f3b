package io.sipdrill.dashboards.html;

import io.sipdrill.dashboards.analysis.DrillAnalysis;
import io.sipdrill.dashboards.analysis.DrillInfo;
import io.sipdrill.dashboards.analysis.DrillMetrics;
import io.sipdrill.dashboards.analysis.FaultSchedule;
import io.sipdrill.dashboards.analysis.FaultWindow;
import io.sipdrill.dashboards.analysis.LatencySummary;
import io.sipdrill.dashboards.analysis.Phase;
import io.sipdrill.dashboards.analysis.PhaseStats;
import io.sipdrill.dashboards.slo.SloVerdict;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes {@code report.html}: one file that references nothing outside itself (uPlot's code and
 * styles, the chart data and the script that draws it are all inline), so it can be archived by CI
 * and opened from file:// anywhere, offline. It prints what the analysis computed and adds no
 * arithmetic beyond unit conversion.
 */
public final class HtmlReport {

    public static final String FILE_NAME = "report.html";

    private static final String CSS = """
            body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d1d1f;
                   max-width: 1000px; margin: 24px auto; padding: 0 16px; }
            h1 { font-size: 1.5em; margin-bottom: 4px; }
            h2 { font-size: 1.15em; margin-top: 28px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
            .meta { color: #555; margin-top: 0; }
            .banner { padding: 8px 12px; border-radius: 4px; font-weight: 600; display: inline-block; }
            table { border-collapse: collapse; margin: 8px 0; }
            th, td { border: 1px solid #ddd; padding: 4px 10px; text-align: left; }
            td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
            th { background: #f5f5f7; }
            .pass { background: #e6f4ea; color: #0d652d; }
            .fail { background: #fce8e6; color: #a50e0e; }
            .note { color: #666; font-size: 0.9em; }
            h3 { font-size: 1em; margin-top: 18px; }
            tr.total td { font-weight: 600; background: #fafafa; }
            .faults li { color: #444; }
            .chart { margin: 14px 0 22px; min-height: 330px; }
            .chart .u-title { font-size: 15px; text-align: left; padding-left: 56px; }
            .chart .u-legend { font-size: 13px; }
            """;

    private HtmlReport() {
    }

    /** Writes {@code outDir/report.html} and returns its path. */
    public static Path write(DrillAnalysis analysis, Path outDir) {
        return write(analysis, outDir, java.util.Optional.empty());
    }

    /** Writes {@code outDir/report.html}, linking the run's Gatling report (a path relative to outDir) when there is one. */
    public static Path write(DrillAnalysis analysis, Path outDir, java.util.Optional<String> gatlingReport) {
        Path file = outDir.resolve(FILE_NAME);
        try {
            Files.createDirectories(outDir);
            Files.writeString(file, render(analysis, gatlingReport), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    public static String render(DrillAnalysis analysis) {
        return render(analysis, java.util.Optional.empty());
    }

    public static String render(DrillAnalysis analysis, java.util.Optional<String> gatlingReport) {
        DrillInfo info = analysis.info();
        String name = info.drill() == null ? "unnamed drill" : info.drill();
        StringBuilder html = new StringBuilder(32_768);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>sipdrill report: ").append(Html.escape(name)).append("</title>\n")
                .append("<style>\n").append(ReportAssets.inline(ReportAssets.UPLOT_CSS)).append('\n').append(CSS)
                .append("</style>\n</head>\n<body>\n");
        header(html, info, name);
        analysis.cutOff().ifPresent(note -> html.append("<p class=\"banner fail\">This ")
                .append(Html.escape(note.substring("the ".length()))).append(".</p>\n"));
        banner(html, analysis);
        gatlingReport.ifPresent(link -> html.append("<p>Per-request statistics: <a href=\"")
                .append(Html.escape(link)).append("\">Gatling report</a></p>\n"));
        ReportData charts = ReportCharts.of(analysis);
        charts(html, analysis, charts);
        failoverTable(html, analysis.metrics(), analysis.faults());
        phaseTable(html, analysis.metrics(), analysis.faults(), info);
        if (analysis.metrics().calls().reported()) {
            CallsSection.render(html, analysis.metrics().calls());
        }
        sloTable(html, analysis);
        steadyStateTable(html, analysis);
        malformedTable(html, analysis);
        html.append("<p class=\"note\">Built by sipdrill from the drill journal alone. Times are real-equivalent")
                .append(" (drill time × time scale); latencies are wall-clock as measured.</p>\n")
                .append(scripts(charts))
                .append("</body>\n</html>\n");
        return html.toString();
    }

    private static void header(StringBuilder html, DrillInfo info, String name) {
        html.append("<h1>Drill report: ").append(Html.escape(name)).append("</h1>\n<p class=\"meta\">")
                .append("Environment: <strong>").append(Html.escape(orDash(info.env()))).append("</strong> · ")
                .append("Handsets: <strong>").append(info.handsets()).append("</strong> · ")
                .append("Time scale: <strong>").append(Html.escape(Formats.number(info.timeScale())))
                .append("×</strong> · Primary: ").append(Html.escape(orDash(info.primary())))
                .append(" · Backup: ").append(Html.escape(orDash(info.backup())))
                .append(" · Duration: ").append(Formats.minutes(info.durationS()))
                .append(" · Ended: ").append(Html.escape(info.endReason() == null
                        ? "did not end (interrupted or killed: no end line)" : info.endReason()))
                .append("</p>\n");
    }

    private static void banner(StringBuilder html, DrillAnalysis analysis) {
        long failed = analysis.slo().stream().filter(v -> !v.passed()).count();
        String text = analysis.slo().isEmpty() ? "No SLOs declared"
                : failed == 0 ? "All " + analysis.slo().size() + " SLOs passed"
                : failed + " of " + analysis.slo().size() + " SLOs failed";
        html.append("<p class=\"banner ").append(analysis.sloPassed() ? "pass" : "fail").append("\">")
                .append(text).append("</p>\n");
    }

    /**
     * The charts over time: one container per chart in the data (the script draws into it), and
     * the fault windows as text too, for a reader without JavaScript and for searching the file.
     */
    private static void charts(StringBuilder html, DrillAnalysis analysis, ReportData data) {
        html.append("<h2>Over time</h2>\n<p class=\"note\">x axis: real-equivalent minutes since the drill started")
                .append("; shaded: fault windows. Rates and percentiles are per ").append(bucket(data.bucketS()))
                .append(" of real-equivalent time. ")
                .append(analysis.timeline().sampled() ? "Handset counts are the journal's per-second samples."
                        : "Handset counts rebuilt from handset state changes (the journal has no timeline samples).")
                .append("</p>\n");
        if (!analysis.faults().windows().isEmpty()) {
            html.append("<ul class=\"faults\">\n");
            for (FaultWindow w : analysis.faults().windows()) {
                html.append("<li>fault: ").append(Html.escape(ReportCharts.faultLabel(w))).append(", ")
                        .append(Formats.seconds(w.startS())).append(" – ")
                        .append(w.endS() == null ? "never removed" : Formats.seconds(w.endS())).append("</li>\n");
            }
            html.append("</ul>\n");
        }
        html.append("<noscript><p class=\"note\">The charts need JavaScript; the tables below do not.</p></noscript>\n");
        for (ChartData chart : data.charts()) {
            html.append("<div class=\"chart\" id=\"chart-").append(chart.id()).append("\" data-chart=\"")
                    .append(chart.id()).append("\"></div>\n");
        }
    }

    /** The data block and the two scripts, last in the body so the containers exist when they run. */
    private static String scripts(ReportData data) {
        return "<script type=\"application/json\" id=\"sipdrill-data\">" + ReportCharts.json(data)
                + "</script>\n<script>\n" + ReportAssets.inline(ReportAssets.UPLOT_JS) + "\n</script>\n<script>\n"
                + ReportAssets.inline(ReportAssets.CHARTS_JS) + "</script>\n";
    }

    private static String bucket(double seconds) {
        if (seconds < 60) {
            return Formats.number(seconds) + " s";
        }
        return seconds % 3600 == 0 ? Formats.number(seconds / 3600) + " h" : Formats.number(seconds / 60) + " min";
    }

    private static void failoverTable(StringBuilder html, DrillMetrics m, FaultSchedule faults) {
        html.append("<h2>Failover and failback</h2>\n<table>\n<tr><th>Measure</th><th class=\"num\">Value</th></tr>\n");
        row(html, "Fault start (t0)", Formats.minutes(faults.t0S()));
        row(html, "Recovery start (tR)", Formats.minutes(faults.tRS()));
        row(html, "Population (on the primary at t0)", Integer.toString(m.population()));
        row(html, "Detection (t0 → first failed transaction)", Formats.seconds(m.detectionS()));
        row(html, "Failover T50 (from t0)", Formats.seconds(m.failover().t50S()));
        row(html, "Failover T90 (from t0)", Formats.seconds(m.failover().t90S()));
        row(html, "Reached the backup", m.failover().reached() + " (" + Formats.percent(m.failover().reachedBackupPct()) + ")");
        row(html, "Failback T50 (from tR)", Formats.seconds(m.failback().t50S()));
        row(html, "Failback T90 (from tR)", Formats.seconds(m.failback().t90S()));
        row(html, "Failback T100 (from tR)", Formats.seconds(m.failback().t100S()));
        row(html, "Returned to the primary", m.failback().returned() + " (" + Formats.percent(m.failback().returnedPrimaryPct()) + ")");
        row(html, "Stuck on the backup at the end", m.failback().stuckOnBackup() + " (" + Formats.percent(m.failback().stuckOnBackupPct()) + ")");
        row(html, "Dark handset-seconds", String.format(Locale.ROOT, "%.1f", m.darkHandsetSeconds()));
        html.append("</table>\n");
    }

    private static void phaseTable(StringBuilder html, DrillMetrics m, FaultSchedule faults, DrillInfo info) {
        html.append("<h2>Transactions by phase</h2>\n<table>\n<tr><th>Phase</th><th>Window</th>")
                .append("<th class=\"num\">Transactions</th><th class=\"num\">Messages sent</th>")
                .append("<th class=\"num\">Retransmission amplification</th>")
                .append("<th class=\"num\">REGISTER p50 (ms)</th><th class=\"num\">p95 (ms)</th>")
                .append("<th class=\"num\">p99 (ms)</th></tr>\n");
        for (Phase phase : Phase.values()) {
            phaseRow(html, phase.key(), window(phase, faults, info), m.phase(phase));
        }
        phaseRow(html, "overall", window(null, faults, info), m.overall());
        html.append("</table>\n");
    }

    private static String window(Phase phase, FaultSchedule faults, DrillInfo info) {
        Double t0 = faults.t0S();
        Double tR = faults.tRS();
        Double end = info.durationS();
        if (phase == null) {
            return span(0.0, end);
        }
        return switch (phase) {
            case BASELINE -> span(0.0, t0 == null ? end : t0);
            case FAULT -> t0 == null ? Formats.NONE : span(t0, tR == null ? end : tR);
            case RECOVERY -> tR == null ? Formats.NONE : span(tR, end);
        };
    }

    private static String span(Double from, Double to) {
        return Formats.minutes(from) + " – " + Formats.minutes(to);
    }

    private static void phaseRow(StringBuilder html, String name, String window, PhaseStats stats) {
        LatencySummary lat = stats.registerLatencyMs();
        html.append("<tr><td>").append(name).append("</td><td>").append(window).append("</td>")
                .append(num(Integer.toString(stats.transactions())))
                .append(num(Long.toString(stats.sent())))
                .append(num(Formats.ratio(stats.retransmissionAmplification())))
                .append(num(Formats.millis(lat.p50())))
                .append(num(Formats.millis(lat.p95())))
                .append(num(Formats.millis(lat.p99())))
                .append("</tr>\n");
    }

    private static void sloTable(StringBuilder html, DrillAnalysis analysis) {
        html.append("<h2>SLO verdicts</h2>\n");
        if (analysis.slo().isEmpty()) {
            html.append("<p class=\"note\">The drill declared no SLOs.</p>\n");
            return;
        }
        html.append("<table>\n<tr><th>SLO</th><th class=\"num\">Value</th><th>Bound</th><th>Verdict</th></tr>\n");
        for (SloVerdict v : analysis.slo()) {
            String value = v.value() == null ? (v.note() == null ? Formats.NONE : v.note()) : Formats.number(v.value());
            String cls = v.passed() ? "pass" : "fail";
            html.append("<tr class=\"").append(cls).append("\"><td>").append(Html.escape(v.name())).append("</td>")
                    .append(num(Html.escape(value)))
                    .append("<td>").append(Html.escape(v.boundText())).append("</td>")
                    .append("<td class=\"").append(cls).append("\">").append(v.passed() ? "pass" : "FAIL")
                    .append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    /** The drill file's hypothesis as checked before the method (the gate) and after it; nothing without one. */
    private static void steadyStateTable(StringBuilder html, DrillAnalysis analysis) {
        if (analysis.steadyState().isEmpty()) {
            return;
        }
        html.append("<h2>Steady state</h2>\n<table>\n<tr><th>When</th><th class=\"num\">At</th><th>Probe</th>")
                .append("<th class=\"num\">Value</th><th>Tolerance</th><th>Verdict</th></tr>\n");
        for (io.sipdrill.dashboards.analysis.SteadyStateProbe p : analysis.steadyState()) {
            String cls = p.ok() ? "pass" : "fail";
            html.append("<tr class=\"").append(cls).append("\"><td>").append(Html.escape(p.when())).append("</td>")
                    .append(num(Formats.seconds(p.atS())))
                    .append("<td>").append(Html.escape(p.probe())).append("</td>")
                    .append(num(p.value() == null ? Formats.NOT_MEASURED : Formats.percent(p.value())))
                    .append("<td>").append(Html.escape(tolerance(p.min(), p.max()))).append("</td>")
                    .append("<td class=\"").append(cls).append("\">").append(p.ok() ? "held" : "NOT MET")
                    .append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    /** What each receiver counted and dropped as unparseable SIP; nothing when the journal has no such line. */
    private static void malformedTable(StringBuilder html, DrillAnalysis analysis) {
        if (analysis.malformed().isEmpty()) {
            return;
        }
        html.append("<h2>Malformed SIP received</h2>\n<table>\n<tr><th>Receiver</th><th class=\"num\">Dropped</th></tr>\n");
        analysis.malformed().forEach((receiver, count) -> row(html, receiver, Long.toString(count)));
        row(html, "total", Long.toString(analysis.malformed().values().stream().mapToLong(Long::longValue).sum()));
        html.append("</table>\n");
    }

    private static String tolerance(Double min, Double max) {
        if (min != null && max != null) {
            return Formats.percent(min) + " … " + Formats.percent(max);
        }
        return min != null ? "≥ " + Formats.percent(min) : max != null ? "≤ " + Formats.percent(max) : "any";
    }

    private static void row(StringBuilder html, String label, String value) {
        html.append("<tr><td>").append(Html.escape(label)).append("</td>").append(num(Html.escape(value))).append("</tr>\n");
    }

    private static String num(String escapedText) {
        return "<td class=\"num\">" + escapedText + "</td>";
    }

    private static String orDash(String s) {
        return s == null ? Formats.NONE : s;
    }
}
