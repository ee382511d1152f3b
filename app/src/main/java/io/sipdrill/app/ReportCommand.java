package io.sipdrill.app;

import io.sipdrill.dashboards.DrillReport;
import io.sipdrill.dashboards.ReportResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code sipdrill report JOURNAL --out DIR}: rebuilds report.html and summary.json from a journal alone. */
@Command(name = "report", mixinStandardHelpOptions = true, description = "Rebuild a drill report from its journal.jsonl.")
final class ReportCommand implements Callable<Integer> {

    @Parameters(paramLabel = "JOURNAL", description = "a journal.jsonl written by sipdrill run")
    Path journal;

    @Option(names = "--out", paramLabel = "DIR", description = "where to write the report (default: the journal's folder)")
    Path out;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(journal)) {
            throw new BadInputException("journal " + journal + " does not exist");
        }
        Path dir = out != null ? out : journal.toAbsolutePath().getParent();
        ReportResult result;
        try {
            result = DrillReport.write(journal, dir);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        SummaryPrinter.print(System.out, result);
        return result.sloPassed() ? 0 : 1;
    }
}
