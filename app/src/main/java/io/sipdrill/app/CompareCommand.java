package io.sipdrill.app;

import io.sipdrill.dashboards.compare.CompareReport;
import io.sipdrill.dashboards.compare.CompareResult;
import io.sipdrill.dashboards.compare.CompareTable;
import io.sipdrill.dashboards.compare.RunComparison;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code sipdrill compare RUN_A RUN_B}: a candidate run against a baseline, with a regression verdict for CI. */
// picocli formats the description: a literal percent sign is written %%.
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {
            "Compare run B (the candidate) against run A (the baseline), metric by metric.",
            "",
            "Each run is a report folder of `sipdrill run` or `sipdrill report` (holding summary.json), or a summary.json.",
            "Compared: handsets and time scale (context, never judged); detection, failover T50/T90/T100 and failback"
                + " T50/T90/T100 times, reached backup %%, returned %%, stuck on backup %%, dark seconds per handset;"
                + " REGISTER latency p50/p95/p99 overall and per phase; retransmission amplification; transactions,"
                + " timeouts and registrar requests per handset (per phase, requests per handset-minute); calls answered %%,"
                + " setup and post-dial delay percentiles, retransmissions per call; MOS, RTP loss and jitter.",
            "Each metric has a direction (lower or higher is better); the change is (B - A) / A. Counts that grow with"
                + " the population (transactions, timeouts, messages, dark handset-seconds) are compared per handset and"
                + " counts that restate the load (calls attempted, stuck handsets as a number) not at all, so runs with"
                + " different handset counts compare. A time never reached (\"never\") is worse than any; worsening from 0"
                + " counts as beyond the threshold. A metric only one run has is listed as \"only in A/B\", not judged.",
            "",
            "Prints the table (metric, A, B, change, verdict) and writes compare.json and compare.html.",
            "Exit codes: 0 no metric regressed by more than the threshold, 1 one did (named on the last line),"
                + " 2 bad input (a missing run or summary.json, unreadable JSON, a bad threshold)."
        })
final class CompareCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN_A", description = "the baseline: a run's report folder or its summary.json")
    Path runA;

    @Parameters(index = "1", paramLabel = "RUN_B", description = "the candidate: a run's report folder or its summary.json")
    Path runB;

    @Option(names = "--threshold", paramLabel = "PCT",
            description = "a metric regresses when it is worse by more than this share of A's value (default 10%%; 10 or 10%%)")
    String threshold;

    @Option(names = "--out", paramLabel = "DIR",
            description = "where to write compare.json and compare.html (default target/sipdrill-compare/compare-A-vs-B)")
    Path out;

    @Override
    public Integer call() {
        double thresholdPct = threshold == null ? RunComparison.DEFAULT_THRESHOLD_PCT : parseThreshold(threshold);
        CompareResult result;
        try {
            result = CompareReport.write(runA, runB, thresholdPct, out);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new BadInputException(e.getMessage());
        }
        RunComparison c = result.comparison();
        System.out.print(CompareTable.render(c));
        System.out.println("sipdrill: compare report " + result.compareHtml().toAbsolutePath());
        System.out.println("sipdrill: compare json " + result.compareJson().toAbsolutePath());
        System.out.println((c.regressed() ? "sipdrill: REGRESSED: " : "sipdrill: ") + CompareTable.verdictLine(c));
        return c.regressed() ? 1 : 0;
    }

    /** "10", "10%", "2.5%": a percentage ≥ 0. */
    static double parseThreshold(String text) {
        String number = text.strip().endsWith("%") ? text.strip().substring(0, text.strip().length() - 1).strip() : text.strip();
        double pct;
        try {
            pct = Double.parseDouble(number);
        } catch (NumberFormatException e) {
            throw new BadInputException("--threshold " + text + " is not a percentage (write e.g. 10 or 10%)");
        }
        if (!(pct >= 0) || Double.isInfinite(pct)) {
            throw new BadInputException("--threshold " + text + " must be a percentage ≥ 0 (e.g. 10 or 10%)");
        }
        return pct;
    }
}
