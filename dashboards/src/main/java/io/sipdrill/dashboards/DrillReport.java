package io.sipdrill.dashboards;

import io.sipdrill.dashboards.analysis.DrillAnalysis;
import io.sipdrill.dashboards.analysis.DrillAnalyzer;
import io.sipdrill.dashboards.html.HtmlReport;
import io.sipdrill.dashboards.junit.JunitXml;
import io.sipdrill.dashboards.junit.RunStamp;
import io.sipdrill.dashboards.summary.SummaryJson;
import io.sipdrill.dashboards.merge.JournalMerge;
import io.sipdrill.dashboards.merge.MergedJournalFile;
import io.sipdrill.dashboards.merge.ShardJournal;
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
     * {@code summary.json}, {@code report.html} and {@code junit.xml} into {@code outDir}, creating it if needed.
     *
     * @throws IllegalArgumentException when the journal is unreadable beyond its last line or has no drill line
     * @throws java.io.UncheckedIOException when the journal cannot be read or the report cannot be written
     */
    public static ReportResult write(Path journal, Path outDir) {
        return write(java.util.List.of(journal), outDir);
    }

    /**
     * As {@link #write(Path, Path)} for one journal or the journals of a sharded drill, merged
     * first by {@link JournalMerge} (one report for the whole population).
     *
     * @throws io.sipdrill.dashboards.merge.JournalMismatchException when several journals are not the shards of one drill
     */
    public static ReportResult write(java.util.List<Path> journals, Path outDir) {
        java.util.List<ShardJournal> read = journals.stream().map(j -> ShardJournal.of(j, JournalMapper.readAll(j))).toList();
        Path journal = journals.get(0);
        java.util.List<io.sipdrill.load.journal.JournalEvent> events = JournalMerge.merge(read);
        if (journals.size() > 1) {
            // The merged journal beside its report: one file to keep, to re-report, to compare.
            MergedJournalFile.write(events, outDir, journals);
        }
        DrillAnalysis analysis = DrillAnalyzer.analyze(events);
        Path summary = SummaryJson.write(analysis, outDir);
        Path html = HtmlReport.write(analysis, outDir, gatlingReport(outDir));
        double wallSeconds = analysis.info().durationS() / analysis.info().timeScale();
        Path junit = JunitXml.write(analysis, outDir, RunStamp.ofJournal(journal, wallSeconds));
        return new ReportResult(analysis, summary, html, junit);
    }

    /** The Gatling report of the run, if {@code sipdrill run} put one under {@code outDir/gatling/}. */
    static java.util.Optional<String> gatlingReport(Path outDir) {
        Path gatling = outDir.resolve("gatling");
        if (!java.nio.file.Files.isDirectory(gatling)) {
            return java.util.Optional.empty();
        }
        try (java.util.stream.Stream<Path> runs = java.nio.file.Files.list(gatling)) {
            return runs.map(r -> r.resolve("index.html")).filter(java.nio.file.Files::isRegularFile).sorted()
                    .reduce((a, b) -> b) // the newest run folder sorts last (Gatling names them by time)
                    .map(p -> outDir.relativize(p).toString().replace('\\', '/'));
        } catch (java.io.IOException e) {
            return java.util.Optional.empty();
        }
    }
}
