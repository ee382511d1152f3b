package io.sipdrill.app;

import io.sipdrill.dashboards.DrillReport;
import io.sipdrill.dashboards.ReportResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code sipdrill report JOURNAL [JOURNAL…] --out DIR}: rebuilds report.html and summary.json from
 * a journal alone, or from the journals of a sharded drill ({@code run --shard I/N}), merged into
 * one report for the whole population.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Rebuild a drill report from its journal.jsonl.",
                "Several journals: the shards of one drill (run --shard I/N), merged into one report (--out required)."})
final class ReportCommand implements Callable<Integer> {

    @Parameters(paramLabel = "JOURNAL", arity = "1..*",
            description = "a journal.jsonl written by sipdrill run, or every shard's journal of a sharded drill")
    List<Path> journals;

    @Option(names = "--out", paramLabel = "DIR", description = "where to write the report (default: the journal's folder; required for several)")
    Path out;

    @Override
    public Integer call() {
        for (Path journal : journals) {
            if (!Files.isRegularFile(journal)) {
                throw new BadInputException("journal " + journal + " does not exist");
            }
        }
        if (journals.size() > 1 && out == null) {
            // The first journal's folder holds that shard's own report: a merged one must not overwrite it.
            throw new BadInputException(journals.size() + " journals merge into one report: say where with --out DIR");
        }
        Path dir = out != null ? out : journals.get(0).toAbsolutePath().getParent();
        ReportResult result;
        try {
            result = DrillReport.write(journals, dir);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        if (journals.size() > 1) {
            System.out.printf("sipdrill: merged %d shard journals into one report%n", journals.size());
        }
        SummaryPrinter.print(System.out, result);
        return result.sloPassed() ? 0 : 1;
    }
}
