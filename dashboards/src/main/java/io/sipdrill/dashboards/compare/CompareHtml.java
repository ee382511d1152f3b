package io.sipdrill.dashboards.compare;

import io.sipdrill.dashboards.html.Html;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@code compare.html}: one self-contained page (no script, no CDN) with both runs, the verdict,
 * the chart of relative changes and the full table.
 */
public final class CompareHtml {

    public static final String FILE_NAME = "compare.html";

    private static final String CSS = """
            body{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:1100px}
            table{border-collapse:collapse;margin:1em 0}
            th,td{border:1px solid #ccc;padding:3px 8px;text-align:right}
            th:first-child,td:first-child{text-align:left}
            tr.regressed td{background:#fbe3e3}
            tr.worse td:last-child{color:#b35c00}
            tr.better td:last-child{color:#1d7a35}
            .banner{padding:.6em 1em;border-radius:4px;font-weight:600}
            .banner.fail{background:#fbe3e3;color:#8a1c1c}
            .banner.pass{background:#e2f4e6;color:#1d5e2c}
            .note{color:#666;font-size:.9em}
            svg.chart text{font-size:12px;fill:#333}
            svg.chart rect.better{fill:#3a9d5d}
            svg.chart rect.worse{fill:#e3a04f}
            svg.chart rect.regressed{fill:#c8423b}
            svg.chart line.axis{stroke:#444}
            svg.chart line.threshold{stroke:#999;stroke-dasharray:4 3}
            """;

    private CompareHtml() {
    }

    public static Path write(RunComparison c, Path outDir) {
        Path file = outDir.resolve(FILE_NAME);
        try {
            Files.createDirectories(outDir);
            Files.writeString(file, render(c));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    static String render(RunComparison c) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>sipdrill compare: ")
                .append(Html.escape(c.a().name())).append(" vs ").append(Html.escape(c.b().name()))
                .append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        html.append("<h1>Run comparison</h1>\n<p>A (baseline): <strong>").append(Html.escape(c.a().name()))
                .append("</strong> — ").append(Html.escape(c.a().description())).append("<br>B (candidate): <strong>")
                .append(Html.escape(c.b().name())).append("</strong> — ").append(Html.escape(c.b().description()))
                .append("</p>\n");
        html.append("<p class=\"banner ").append(c.regressed() ? "fail" : "pass").append("\">")
                .append(Html.escape(CompareTable.verdictLine(c))).append("</p>\n");
        html.append("<h2>Relative change, B against A</h2>\n").append(ChangeChart.render(c));
        html.append("<p class=\"note\">Change = (B − A) ÷ A. Bars point right when B is better whichever way the metric")
                .append(" improves; dashed lines: the ±").append(Html.escape(CompareFormat.threshold(c.thresholdPct())))
                .append(" threshold. Only metrics judged better or worse are drawn.</p>\n");
        html.append("<h2>All metrics</h2>\n<table>\n<tr><th>metric</th><th>A</th><th>B</th><th>change</th><th>verdict</th></tr>\n");
        for (MetricChange m : c.changes()) {
            html.append("<tr class=\"").append(m.verdict().name().toLowerCase(java.util.Locale.ROOT)).append("\"><td>")
                    .append(Html.escape(m.metric().labelWithUnit())).append("</td><td>")
                    .append(Html.escape(CompareFormat.value(m, true))).append("</td><td>")
                    .append(Html.escape(CompareFormat.value(m, false))).append("</td><td>")
                    .append(Html.escape(CompareFormat.change(m))).append("</td><td>")
                    .append(Html.escape(m.verdict().label())).append("</td></tr>\n");
        }
        html.append("</table>\n<p class=\"note\">Counts that grow with the population (transactions, timeouts, messages,")
                .append(" dark handset-seconds) are per handset, so runs of different sizes compare. Times are")
                .append(" real-equivalent seconds; latencies wall-clock milliseconds. “—”: the run has no such metric;")
                .append(" “-”: not measured; “never”: the milestone was not reached.</p>\n</body>\n</html>\n");
        return html.toString();
    }
}
