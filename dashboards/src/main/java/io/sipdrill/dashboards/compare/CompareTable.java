package io.sipdrill.dashboards.compare;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The comparison as the terminal shows it: who A and B are and one line per metric (metric, A, B,
 * change, verdict); {@link #verdictLine} names what regressed, for the caller to print where it fits.
 */
public final class CompareTable {

    private CompareTable() {
    }

    public static String render(RunComparison c) {
        StringBuilder out = new StringBuilder();
        out.append("A (baseline):  ").append(c.a().name()).append(": ").append(c.a().description()).append('\n');
        out.append("B (candidate): ").append(c.b().name()).append(": ").append(c.b().description()).append('\n');
        List<MetricChange> rows = c.changes();
        int width = Math.max("metric".length(), rows.stream()
                .mapToInt(r -> r.metric().labelWithUnit().length()).max().orElse(0));
        int valueWidth = Math.max(9, rows.stream().mapToInt(r -> Math.max(CompareFormat.value(r, true).length(),
                CompareFormat.value(r, false).length())).max().orElse(0));
        String line = "%-" + width + "s  %" + valueWidth + "s  %" + valueWidth + "s  %9s  %s%n";
        out.append(String.format(line, "metric", "A", "B", "change", "verdict"));
        for (MetricChange r : rows) {
            out.append(String.format(line, r.metric().labelWithUnit(), CompareFormat.value(r, true),
                    CompareFormat.value(r, false), CompareFormat.change(r), r.verdict().label()));
        }
        return out.toString();
    }

    /** "2 metrics regressed beyond 10%: failover T90 (+66.7%), …" or "no metric regressed beyond 10%". */
    public static String verdictLine(RunComparison c) {
        String threshold = CompareFormat.threshold(c.thresholdPct());
        List<MetricChange> regressions = c.regressions();
        if (regressions.isEmpty()) {
            return "no metric regressed beyond " + threshold;
        }
        String which = regressions.stream()
                .map(r -> r.metric().labelWithUnit() + " " + CompareFormat.value(r, true) + " → "
                        + CompareFormat.value(r, false) + bracketed(CompareFormat.change(r)))
                .collect(Collectors.joining(", "));
        return regressions.size() + (regressions.size() == 1 ? " metric" : " metrics") + " regressed beyond "
                + threshold + ": " + which;
    }

    /** A percentage in brackets; "never", "reached" and the like already show in the values. */
    private static String bracketed(String change) {
        return change.endsWith("%") ? " (" + change + ")" : "";
    }
}
