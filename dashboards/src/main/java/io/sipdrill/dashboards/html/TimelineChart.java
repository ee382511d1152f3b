package io.sipdrill.dashboards.html;

import io.sipdrill.dashboards.analysis.FaultWindow;
import io.sipdrill.dashboards.analysis.Timeline;
import io.sipdrill.dashboards.analysis.TimelinePoint;

import java.util.List;
import java.util.Locale;
import java.util.function.ToIntFunction;

/**
 * Draws handsets per POP over time as inline SVG: one line per series (primary, backup, nowhere),
 * fault windows shaded and named, x in real-equivalent minutes. Drawn here rather than by a chart
 * library because the report must open offline, years later, from a CI artifact.
 */
final class TimelineChart {

    static final String[] SERIES = {"primary", "backup", "nowhere"};

    private static final int WIDTH = 960;
    private static final int HEIGHT = 380;
    private static final int LEFT = 64;
    private static final int RIGHT = 20;
    private static final int TOP = 34;
    private static final int BOTTOM = 52;
    /** More points than pixels only bloats the file. */
    private static final int MAX_POINTS = 2400;

    private final double xMaxMin;
    private final double yMax;

    private TimelineChart(double xMaxMin, double yMax) {
        this.xMaxMin = xMaxMin;
        this.yMax = yMax;
    }

    static String render(Timeline timeline, List<FaultWindow> faults, int handsets, double durationS) {
        List<TimelinePoint> points = timeline.points();
        double lastS = durationS;
        int top = handsets;
        for (TimelinePoint p : points) {
            lastS = Math.max(lastS, p.tS());
            top = Math.max(top, Math.max(p.primary(), Math.max(p.backup(), p.nowhere())));
        }
        for (FaultWindow w : faults) {
            lastS = Math.max(lastS, w.endS() == null ? w.startS() : w.endS());
        }
        double xStep = AxisTicks.step(Math.max(lastS / 60, 1e-3), 10);
        double yStep = AxisTicks.step(Math.max(top, 1), 6);
        TimelineChart chart = new TimelineChart(AxisTicks.ceil(lastS / 60, xStep), AxisTicks.ceil(top, yStep));

        StringBuilder svg = new StringBuilder(8192);
        svg.append(String.format(Locale.ROOT,
                "<svg class=\"chart\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\""
                        + " aria-labelledby=\"chart-title\">\n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append("<title id=\"chart-title\">Handsets per POP over time</title>\n");
        svg.append(String.format(Locale.ROOT, "<rect class=\"plot\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"/>\n",
                LEFT, TOP, plotWidth(), plotHeight()));
        chart.faults(svg, faults);
        chart.axes(svg, xStep, yStep);
        chart.series(svg, points, "primary", TimelinePoint::primary);
        chart.series(svg, points, "backup", TimelinePoint::backup);
        chart.series(svg, points, "nowhere", TimelinePoint::nowhere);
        legend(svg);
        svg.append("</svg>\n");
        return svg.toString();
    }

    private void faults(StringBuilder svg, List<FaultWindow> faults) {
        svg.append("<g class=\"faults\">\n");
        for (int i = 0; i < faults.size(); i++) {
            FaultWindow w = faults.get(i);
            double x1 = x(w.startS() / 60);
            // A fault never removed stays shaded to the chart's end.
            double x2 = w.endS() == null ? x(xMaxMin) : x(w.endS() / 60);
            String label = "fault: " + (w.name() == null ? "unnamed" : w.name())
                    + (w.target() == null ? "" : " → " + w.target());
            svg.append("<rect class=\"fault\" x=\"").append(Formats.coord(x1)).append("\" y=\"").append(TOP)
                    .append("\" width=\"").append(Formats.coord(Math.max(1, x2 - x1)))
                    .append("\" height=\"").append(plotHeight()).append("\"><title>")
                    .append(Html.escape(label)).append("</title></rect>\n");
            svg.append("<text class=\"fault-label\" x=\"").append(Formats.coord(x1 + 4)).append("\" y=\"")
                    .append(TOP + 14 + 14 * i).append("\">").append(Html.escape(label)).append("</text>\n");
        }
        svg.append("</g>\n");
    }

    private void axes(StringBuilder svg, double xStep, double yStep) {
        svg.append("<g class=\"axes\">\n");
        // Ticks by index, not by summing steps, so 0.1 + 0.2 never prints as 0.30000000000000004.
        for (int i = 0; i * yStep <= yMax + 1e-9; i++) {
            double v = i * yStep;
            double y = y(v);
            svg.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" x2=\"").append(LEFT + plotWidth())
                    .append("\" y1=\"").append(Formats.coord(y)).append("\" y2=\"").append(Formats.coord(y))
                    .append("\"/>\n");
            svg.append("<text class=\"tick\" text-anchor=\"end\" x=\"").append(LEFT - 6).append("\" y=\"")
                    .append(Formats.coord(y + 4)).append("\">").append(tick(v)).append("</text>\n");
        }
        for (int i = 0; i * xStep <= xMaxMin + 1e-9; i++) {
            double v = i * xStep;
            double x = x(v);
            svg.append("<line class=\"grid\" x1=\"").append(Formats.coord(x)).append("\" x2=\"")
                    .append(Formats.coord(x)).append("\" y1=\"").append(TOP).append("\" y2=\"")
                    .append(TOP + plotHeight()).append("\"/>\n");
            svg.append("<text class=\"tick\" text-anchor=\"middle\" x=\"").append(Formats.coord(x))
                    .append("\" y=\"").append(TOP + plotHeight() + 16).append("\">").append(tick(v))
                    .append("</text>\n");
        }
        svg.append("<text class=\"axis-label\" text-anchor=\"middle\" x=\"").append(LEFT + plotWidth() / 2)
                .append("\" y=\"").append(HEIGHT - 10)
                .append("\">real-equivalent minutes since the drill started</text>\n");
        svg.append("<text class=\"axis-label\" text-anchor=\"middle\" transform=\"translate(16 ")
                .append(TOP + plotHeight() / 2).append(") rotate(-90)\">handsets</text>\n");
        svg.append("</g>\n");
    }

    private void series(StringBuilder svg, List<TimelinePoint> points, String name, ToIntFunction<TimelinePoint> value) {
        svg.append("<polyline class=\"series series-").append(name).append("\" data-series=\"").append(name)
                .append("\" points=\"");
        int stride = Math.max(1, (points.size() + MAX_POINTS - 1) / MAX_POINTS);
        for (int i = 0; i < points.size(); i += stride) {
            appendPoint(svg, points.get(i), value);
        }
        if (!points.isEmpty() && (points.size() - 1) % stride != 0) {
            appendPoint(svg, points.get(points.size() - 1), value);
        }
        svg.append("\"><title>").append(name).append("</title></polyline>\n");
    }

    private void appendPoint(StringBuilder svg, TimelinePoint p, ToIntFunction<TimelinePoint> value) {
        svg.append(Formats.coord(x(p.tS() / 60))).append(',')
                .append(Formats.coord(y(value.applyAsInt(p)))).append(' ');
    }

    private static void legend(StringBuilder svg) {
        svg.append("<g class=\"legend\">\n");
        int x = LEFT;
        for (String name : SERIES) {
            svg.append("<line class=\"series series-").append(name).append("\" x1=\"").append(x)
                    .append("\" x2=\"").append(x + 24).append("\" y1=\"14\" y2=\"14\"/>\n");
            svg.append("<text class=\"legend-label\" x=\"").append(x + 30).append("\" y=\"18\">")
                    .append(name).append("</text>\n");
            x += 120;
        }
        svg.append("<rect class=\"fault\" x=\"").append(x).append("\" y=\"6\" width=\"24\" height=\"16\"/>\n");
        svg.append("<text class=\"legend-label\" x=\"").append(x + 30).append("\" y=\"18\">fault window</text>\n");
        svg.append("</g>\n");
    }

    private double x(double minutes) {
        return LEFT + plotWidth() * Math.min(1, Math.max(0, minutes / xMaxMin));
    }

    private double y(double handsets) {
        return TOP + plotHeight() * (1 - Math.min(1, Math.max(0, handsets / yMax)));
    }

    private static int plotWidth() {
        return WIDTH - LEFT - RIGHT;
    }

    private static int plotHeight() {
        return HEIGHT - TOP - BOTTOM;
    }

    private static String tick(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%d", (long) v)
                : String.format(Locale.ROOT, "%s", Math.round(v * 1000) / 1000.0);
    }
}
