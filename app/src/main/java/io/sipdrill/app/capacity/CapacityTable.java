package io.sipdrill.app.capacity;

import io.sipdrill.app.bench.StepMeasurement;

import java.io.PrintStream;
import java.util.Locale;

/** The console table: a header, then one line per step as it finishes. */
final class CapacityTable {

    private CapacityTable() {
    }

    static void header(PrintStream out) {
        out.printf("%4s %-7s %8s %8s %9s %8s %8s %8s %9s %10s  %s%n", "step", "phase", "target/s", "rate/s", "failures",
                "p50 ms", "p95 ms", "p99 ms", "us/op", "target us", "verdict");
    }

    static void line(PrintStream out, CapacityStep step) {
        StepMeasurement m = step.measured();
        out.printf(Locale.ROOT, "%4d %-7s %8.0f %8.0f %8.2f%% %8.2f %8.2f %8.2f %9.1f %10s  %s%n", step.index(),
                step.phase().label(), m.targetRate(), m.achievedRate(), m.failuresPct(), m.p50Ms(), m.p95Ms(), m.p99Ms(),
                m.sipdrillCpuUsPerOp(), Double.isNaN(m.targetCpuUsPerOp()) ? "-" : String.format(Locale.ROOT, "%.1f",
                        m.targetCpuUsPerOp()), step.sustained() ? "held" : "BROKE " + String.join(",", step.broken()));
        out.flush();
    }
}
