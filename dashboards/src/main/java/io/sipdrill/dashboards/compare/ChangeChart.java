package io.sipdrill.dashboards.compare;

import io.sipdrill.dashboards.html.Html;

import java.util.List;
import java.util.Locale;

/**
 * An inline SVG diverging bar chart of the judged metrics that changed: one bar per metric from a
 * centre line, to the right when B is better, to the left when worse, its length the relative change.
 * Direction is folded in (a lower latency and a higher MOS both point right), so the eye reads the
 * left side as "what got worse"; the dashed lines mark the threshold. Changes beyond the scale, from 0
 * or to "never" are drawn at the edge and labelled.
 */
final class ChangeChart {

    private static final int LABEL_WIDTH = 300;
    /** Room beside each half for the change's label ("+66.7% ≫", "from 0") of a bar that reaches the edge. */
    private static final int GUTTER = 70;
    private static final int HALF = 230;
    private static final int ROW = 20;
    private static final int TOP = 24;

    private ChangeChart() {
    }

    static List<MetricChange> charted(RunComparison c) {
        return c.changes().stream()
                .filter(m -> m.metric().direction() != Direction.CONTEXT)
                .filter(m -> m.verdict() == Verdict.BETTER || m.verdict() == Verdict.WORSE
                        || m.verdict() == Verdict.REGRESSED)
                .toList();
    }

    static String render(RunComparison c) {
        List<MetricChange> rows = charted(c);
        if (rows.isEmpty()) {
            return "<p class=\"note\">No judged metric changed between the runs.</p>\n";
        }
        // The scale covers the largest finite change but at least three thresholds, at most ±200%.
        double scale = Math.max(3 * Math.max(c.thresholdPct(), 1), rows.stream()
                .filter(r -> r.changePct() != null).mapToDouble(r -> Math.abs(r.changePct())).max().orElse(0));
        scale = Math.min(scale, 200);
        int centre = LABEL_WIDTH + GUTTER + HALF;
        int width = centre + HALF + GUTTER;
        int height = TOP + rows.size() * ROW + 10;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"relative change per metric, B against A\">%n",
                width, height, width, height));
        svg.append(text(centre - HALF, 14, "start", "← worse in B")).append(text(centre + HALF, 14, "end", "better in B →"));
        double t = c.thresholdPct() / scale * HALF;
        for (double x : new double[] {centre - t, centre + t}) {
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" class=\"threshold\"/>%n",
                    x, TOP - 4, x, height - 6));
        }
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" class=\"axis\"/>%n",
                centre, TOP - 6, centre, height - 4));
        for (int i = 0; i < rows.size(); i++) {
            MetricChange r = rows.get(i);
            int y = TOP + i * ROW;
            boolean better = r.verdict() == Verdict.BETTER;
            Double pct = r.changePct();
            boolean offScale = pct == null || Math.abs(pct) > scale;
            double length = offScale ? HALF : Math.abs(pct) / scale * HALF;
            double x = better ? centre : centre - length;
            String cls = better ? "better" : r.verdict() == Verdict.REGRESSED ? "regressed" : "worse";
            svg.append(text(LABEL_WIDTH - 8, y + 13, "end", r.metric().labelWithUnit()));
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" class=\"%s\"><title>%s</title></rect>%n",
                    x, y + 3, Math.max(length, 1), ROW - 6, cls,
                    Html.escape(r.metric().labelWithUnit() + ": " + CompareFormat.value(r, true) + " → "
                            + CompareFormat.value(r, false) + " (" + CompareFormat.change(r) + ")")));
            String label = CompareFormat.change(r) + (offScale && pct != null ? " ≫" : "");
            double labelX = better ? centre + length + 4 : centre - length - 4;
            svg.append(text(labelX, y + 13, better ? "start" : "end", label));
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static String text(double x, int y, String anchor, String content) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"%s\">%s</text>%n", x, y, anchor,
                Html.escape(content));
    }
}
