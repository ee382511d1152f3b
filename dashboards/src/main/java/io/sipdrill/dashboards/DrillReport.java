package io.sipdrill.dashboards;

import io.sipdrill.dashboards.analysis.DrillAnalysis;
import io.sipdrill.dashboards.analysis.DrillAnalyzer;
import io.sipdrill.dashboards.html.HtmlReport;
import io.sipdrill.dashboards.summary.SummaryJson;
import io.sipdrill.load.journal.JournalMapper;

import java.nio.file.Path;

/**
 * The report entry point for {@code sipdrill run} (after a drill) and {@code sipdrill report JOURNAL --out DIR}.
 *
 * <pre>{@code
 * ReportResult r = DrillReport.write(Path.of("out/journal.jsonl"), Path.of("out"));
 * System.exit(r.sloPassed() ? 0 : 1);
 * }</pre>
 */
public final class DrillReport {

    private DrillReport() {
    }

    /**
     * Reads the journal (a torn last line from a killed run is skipped) and writes
     * {@code summary.json} and {@code report.html} into {@code outDir}, creating it if needed.
     *
     * @throws IllegalArgumentException when the journal is unreadable beyond its last line or has no drill line
     * @throws java.io.UncheckedIOException when the journal cannot be read or the report cannot be written
     */
    public static ReportResult write(Path journal, Path outDir) {
        DrillAnalysis analysis = DrillAnalyzer.analyze(JournalMapper.readAll(journal));
        Path summary = SummaryJson.write(analysis, outDir);
        Path html = HtmlReport.write(analysis, outDir);
        return new ReportResult(analysis, summary, html);
    }
}
