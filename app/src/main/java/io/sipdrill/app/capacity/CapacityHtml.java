package io.sipdrill.app.capacity;

import io.sipdrill.app.bench.StepMeasurement;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * capacity.html: the verdict, a chart of achieved rate (left axis) and p95 (right axis) against the
 * target rate, and the steps' table. Self-contained (inline SVG and CSS), so it opens from a CI artifact.
 */
final class CapacityHtml {

    static final String FILE_NAME = "capacity.html";
    private static final int W = 640;
    private static final int H = 300;
    private static final int PAD = 50;

    private CapacityHtml() {
    }

    static Path write(Path dir, CapacityReportHeader header, CapacityResult result) throws IOException {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>sipdrill capacity: ")
                .append(esc(header.env() + " " + header.what())).append("</title><style>")
                .append("body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}")
                .append("td,th{border:1px solid #ccc;padding:2px 8px;text-align:right}.broke{background:#fdd}")
                .append("</style></head><body>");
        h.append("<h1>sipdrill capacity — ").append(esc(header.what())).append(" on ").append(esc(header.env()))
                .append("</h1><p><b>").append(esc(result.verdict())).append("</b></p>");
        h.append(String.format(Locale.ROOT, "<p>started %s; %s s per step, judged on the second half; SLOs: failures ≤ %s%%,"
                        + " p95 ≤ %s ms, achieved ≥ %s%% of target.</p>", esc(header.started().toString()),
                Slo.plain(header.stepSeconds()), Slo.plain(header.plan().slo().maxFailuresPct()),
                Slo.plain(header.plan().slo().maxP95Ms()), Slo.plain(header.plan().slo().minAchievedPct())));
        chart(h, result.steps(), header.plan().slo().maxP95Ms());
        h.append("<table><tr><th>step</th><th>phase</th><th>target/s</th><th>achieved/s</th><th>failures %</th>"
                + "<th>p50 ms</th><th>p95 ms</th><th>p99 ms</th><th>sipdrill µs/op</th><th>target µs/op</th><th>broke</th></tr>");
        for (CapacityStep s : result.steps()) {
            StepMeasurement m = s.measured();
            h.append(s.sustained() ? "<tr>" : "<tr class=\"broke\">")
                    .append(String.format(Locale.ROOT, "<td>%d</td><td>%s</td><td>%.0f</td><td>%.0f</td><td>%.2f</td>"
                                    + "<td>%.2f</td><td>%.2f</td><td>%.2f</td><td>%.1f</td><td>%s</td><td>%s</td></tr>",
                            s.index(), s.phase().label(), m.targetRate(), m.achievedRate(), m.failuresPct(), m.p50Ms(),
                            m.p95Ms(), m.p99Ms(), m.sipdrillCpuUsPerOp(),
                            Double.isNaN(m.targetCpuUsPerOp()) ? "-" : String.format(Locale.ROOT, "%.1f", m.targetCpuUsPerOp()),
                            esc(String.join(", ", s.broken()))));
        }
        h.append("</table></body></html>\n");
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE_NAME);
        Files.writeString(file, h);
        return file;
    }

    /** Points by target rate; the dashed diagonal is "achieved = target", the red dashed line the p95 SLO. */
    private static void chart(StringBuilder h, List<CapacityStep> steps, double sloP95) {
        List<StepMeasurement> points = steps.stream().map(CapacityStep::measured)
                .sorted(Comparator.comparingDouble(StepMeasurement::targetRate)).toList();
        double maxRate = points.stream().mapToDouble(m -> Math.max(m.targetRate(), finite(m.achievedRate()))).max().orElse(1);
        // Capped at 3× the SLO: a broken step's p95 is seconds, and a linear axis up to it would flatten
        // every held step (and the SLO line) onto the floor. Points above sit on the top edge.
        double maxP95 = Math.min(sloP95 * 3, Math.max(sloP95 * 1.2,
                points.stream().mapToDouble(m -> finite(m.p95Ms())).max().orElse(1)));
        h.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(W).append("\" height=\"").append(H)
                .append("\" font-size=\"11\">");
        h.append(line(PAD, H - PAD, W - PAD, H - PAD, "#000", false)).append(line(PAD, PAD / 2, PAD, H - PAD, "#000", false))
                .append(line(W - PAD, PAD / 2, W - PAD, H - PAD, "#000", false));
        h.append(line(x(0, maxRate), y(0, maxRate), x(maxRate, maxRate), y(maxRate, maxRate), "#999", true));
        h.append(line(PAD, y(sloP95, maxP95), W - PAD, y(sloP95, maxP95), "#d33", true));
        h.append(polyline(points, maxRate, maxRate, StepMeasurement::achievedRate, "#36c"));
        h.append(polyline(points, maxRate, maxP95, StepMeasurement::p95Ms, "#e80"));
        h.append(text(W / 2 - 40, H - 15, "target rate (/s) → " + Math.round(maxRate)));
        h.append(text(5, PAD / 2 - 8, "achieved /s (blue), max " + Math.round(maxRate)));
        h.append(text(W - PAD - 120, PAD / 2 - 8, String.format(Locale.ROOT, "p95 ms (orange), top %.0f or more", maxP95)));
        h.append("</svg>");
    }

    private static String polyline(List<StepMeasurement> points, double maxX, double maxY,
                                   java.util.function.ToDoubleFunction<StepMeasurement> value, String colour) {
        StringBuilder p = new StringBuilder("<polyline fill=\"none\" stroke=\"" + colour + "\" stroke-width=\"2\" points=\"");
        StringBuilder dots = new StringBuilder();
        for (StepMeasurement m : points) {
            double v = finite(value.applyAsDouble(m));
            String xy = String.format(Locale.ROOT, "%.1f,%.1f", x(m.targetRate(), maxX), y(v, maxY));
            p.append(xy).append(' ');
            dots.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>",
                    x(m.targetRate(), maxX), y(v, maxY), colour));
        }
        return p.append("\"/>").append(dots).toString();
    }

    private static double x(double v, double max) {
        return PAD + v / max * (W - 2 * PAD);
    }

    private static double y(double v, double max) {
        return H - PAD - Math.min(v, max) / max * (H - 1.5 * PAD);
    }

    private static String line(double x1, double y1, double x2, double y2, String colour, boolean dashed) {
        return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"%s/>",
                x1, y1, x2, y2, colour, dashed ? " stroke-dasharray=\"4 3\"" : "");
    }

    private static String text(int x, int y, String s) {
        return "<text x=\"" + x + "\" y=\"" + y + "\">" + esc(s) + "</text>";
    }

    private static double finite(double v) {
        return Double.isFinite(v) ? v : 0;
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
