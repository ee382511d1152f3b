package io.sipdrill.dashboards.compare;

import java.nio.file.Path;

/**
 * The entry point for {@code sipdrill compare}: judges run B against run A and writes compare.json and
 * compare.html.
 *
 * <pre>{@code
 * CompareResult r = CompareReport.write(Path.of("runs/before"), Path.of("runs/after"), 10, Path.of("out"));
 * System.exit(r.comparison().regressed() ? 1 : 0);
 * }</pre>
 */
public final class CompareReport {

    /** Where {@code sipdrill compare} writes when not told: beside the runs' own {@code target/sipdrill-runs}. */
    public static final Path DEFAULT_ROOT = Path.of("target", "sipdrill-compare");

    private CompareReport() {
    }

    /**
     * @throws IllegalArgumentException when a run cannot be opened or the threshold is negative
     */
    public static CompareResult write(Path runA, Path runB, double thresholdPct, Path outDir) {
        RunComparison comparison = RunComparison.of(ComparableRuns.open(runA), ComparableRuns.open(runB), thresholdPct);
        Path dir = outDir != null ? outDir : defaultFolder(comparison);
        return new CompareResult(comparison, CompareJson.write(comparison, dir), CompareHtml.write(comparison, dir));
    }

    /** {@code target/sipdrill-compare/compare-<A>-vs-<B>}, the names made safe for a folder. */
    public static Path defaultFolder(RunComparison c) {
        return DEFAULT_ROOT.resolve("compare-" + safe(c.a().name()) + "-vs-" + safe(c.b().name()));
    }

    private static String safe(String name) {
        String s = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return s.isEmpty() || s.startsWith(".") ? "run" + s : s;
    }
}
