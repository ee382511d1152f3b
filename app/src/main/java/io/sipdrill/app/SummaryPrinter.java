package io.sipdrill.app;

import io.sipdrill.dashboards.ReportResult;
import io.sipdrill.dashboards.analysis.DrillMetrics;
import io.sipdrill.dashboards.slo.SloVerdict;

import java.io.PrintStream;

/** The few lines a user reads after a run: the headline numbers, the verdicts, and where the report is. */
final class SummaryPrinter {

    private SummaryPrinter() {
    }

    static void print(PrintStream out, ReportResult result) {
        DrillMetrics m = result.analysis().metrics();
        out.printf("  population %d | detection %s | failover T50 %s T90 %s (reached backup %s)%n",
                m.population(), s(m.detectionS()), s(m.failover().t50S()), s(m.failover().t90S()),
                pct(m.failover().reachedBackupPct()));
        out.printf("  failback T50 %s T90 %s (returned %s, stuck on backup %d) | REGISTER p50/p95/p99 %s/%s/%s ms | amplification %s%n",
                s(m.failback().t50S()), s(m.failback().t90S()), pct(m.failback().returnedPrimaryPct()),
                m.failback().stuckOnBackup(), n(m.overall().registerLatencyMs().p50()),
                n(m.overall().registerLatencyMs().p95()), n(m.overall().registerLatencyMs().p99()),
                n(m.overall().retransmissionAmplification()));
        for (SloVerdict v : result.analysis().slo()) {
            out.printf("  SLO %-22s %s  value %s  bound %s%n", v.name(), v.passed() ? "PASS" : "FAIL", n(v.value()), v.boundText());
        }
        out.println("sipdrill: report " + result.reportHtml().toAbsolutePath());
        out.println("sipdrill: summary " + result.summaryJson().toAbsolutePath());
        out.println(result.sloPassed() ? "sipdrill: SLOs held" : "sipdrill: SLO FAILED (see the report's verdict table)");
    }

    /** Seconds, real-equivalent. */
    private static String s(Double seconds) {
        return seconds == null ? "never" : String.format("%.0f s", seconds);
    }

    private static String pct(Double p) {
        return p == null ? "-" : String.format("%.1f%%", p);
    }

    private static String n(Double v) {
        return v == null ? "-" : String.format("%.2f", v);
    }
}
