package io.sipdrill.app;

import io.sipdrill.dashboards.ReportResult;
import io.sipdrill.dashboards.analysis.CallCounts;
import io.sipdrill.dashboards.analysis.CallMetrics;
import io.sipdrill.dashboards.analysis.DrillMetrics;
import io.sipdrill.dashboards.analysis.RtpQuality;
import io.sipdrill.dashboards.slo.SloVerdict;

import java.io.PrintStream;

/** The few lines a user reads after a run: the headline numbers, the verdicts, and where the report is. */
final class SummaryPrinter {

    private SummaryPrinter() {
    }

    static void print(PrintStream out, ReportResult result) {
        DrillMetrics m = result.analysis().metrics();
        result.analysis().cutOff().ifPresent(note -> out.println("sipdrill: " + note));
        if (m.calls().reported() && result.analysis().faults().t0S() == null) {
            // A call drill without a fault has no failover to speak of; "failover never" would read as a failure.
            out.printf("  registrations: REGISTER p50/p95/p99 %s/%s/%s ms | amplification %s%n",
                    n(m.overall().registerLatencyMs().p50()), n(m.overall().registerLatencyMs().p95()),
                    n(m.overall().registerLatencyMs().p99()), n(m.overall().retransmissionAmplification()));
        } else {
            printFailover(out, m);
        }
        CallMetrics calls = m.calls();
        if (calls.reported()) {
            printCalls(out, calls);
        }
        for (SloVerdict v : result.analysis().slo()) {
            String value = v.value() == null && v.note() != null ? v.note() : n(v.value());
            out.printf("  SLO %-22s %s  value %s  bound %s%n", v.name(), v.passed() ? "PASS" : "FAIL", value, v.boundText());
        }
        out.println("sipdrill: report " + result.reportHtml().toAbsolutePath());
        out.println("sipdrill: summary " + result.summaryJson().toAbsolutePath());
        out.println("sipdrill: junit " + result.junitXml().toAbsolutePath());
        out.println(result.sloPassed() ? "sipdrill: SLOs held" : "sipdrill: SLO FAILED (see the report's verdict table)");
    }

    private static void printFailover(PrintStream out, DrillMetrics m) {
        out.printf("  population %d | detection %s | failover T50 %s T90 %s (reached backup %s)%n",
                m.population(), s(m.detectionS()), s(m.failover().t50S()), s(m.failover().t90S()),
                pct(m.failover().reachedBackupPct()));
        out.printf("  failback T50 %s T90 %s (returned %s, stuck on backup %d) | REGISTER p50/p95/p99 %s/%s/%s ms | amplification %s%n",
                s(m.failback().t50S()), s(m.failback().t90S()), pct(m.failback().returnedPrimaryPct()),
                m.failback().stuckOnBackup(), n(m.overall().registerLatencyMs().p50()),
                n(m.overall().registerLatencyMs().p95()), n(m.overall().registerLatencyMs().p99()),
                n(m.overall().retransmissionAmplification()));
    }

    /** Two lines: how the calls ended and how fast they were set up, then media quality. */
    private static void printCalls(PrintStream out, CallMetrics calls) {
        CallCounts c = calls.overall().counts();
        out.printf("  calls %d | answered %s (handset %d, voicemail %d) | failed %d | cancelled %d | setup p95 %s ms | PDD p95 %s ms%n",
                c.attempted(), pct(c.answeredPct()), c.answered(), c.voicemail(), c.failed(), c.cancelled(),
                n(calls.overall().setupMs().p95()), n(calls.overall().pddMs().p95()));
        RtpQuality rtp = calls.rtp();
        if (rtp.calls() == 0) {
            out.println("  rtp not measured (no call carried media)");
        } else {
            out.printf("  rtp %d calls | MOS p5 %s mean %s | loss p95 %s%% | jitter p95 %s ms%n",
                    rtp.calls(), n(rtp.mosP5()), n(rtp.mosMean()), n(rtp.lossPctP95()), n(rtp.jitterMsP95()));
        }
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
