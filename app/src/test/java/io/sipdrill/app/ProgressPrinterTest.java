package io.sipdrill.app;

import io.sipdrill.chaos.drill.DrillProgress.Snapshot;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressPrinterTest {

    private static Snapshot at(double s, long registers, long calls, String fault) {
        return new Snapshot(s, 120, 20, 400, 90, 10, 5000, 300, 7, registers, calls, fault);
    }

    @Test
    void plainLinesComeEveryTenDrillSecondsWithRatesOverThoseSeconds() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressPrinter printer = new ProgressPrinter(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
        for (int s = 1; s <= 21; s++) {
            printer.update(at(s, 50L * s, 3L * s, s >= 15 ? "registrar-outage" : null));
        }
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");

        assertThat(lines).hasSize(3); // seconds 1, 11 and 21
        assertThat(lines[0]).startsWith("[    1s/120s  real   0.3 min] primary 400  backup 90  nowhere 10 | REGISTER -/s  calls -/s")
                .doesNotContain("faults");
        assertThat(lines[1]).contains("REGISTER 50.0/s  calls 3.0/s | tx 5000  retrans 300  timeouts 7").doesNotContain("faults");
        assertThat(lines[2]).endsWith("| faults: registrar-outage").doesNotContain("\u001b");
    }

    @Test
    void aTerminalGetsEverySnapshotRewrittenInPlace() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressPrinter printer = new ProgressPrinter(new PrintStream(bytes, true, StandardCharsets.UTF_8), true);
        printer.update(at(1, 10, 0, null));
        printer.update(at(2, 110, 4, "freeze registrar"));
        printer.finish();
        String out = bytes.toString(StandardCharsets.UTF_8);

        assertThat(out.split("\r")).hasSize(3); // "", then one rewrite per snapshot
        assertThat(out).contains("REGISTER 100.0/s  calls 4.0/s").contains("faults: freeze registrar\u001b[K").endsWith("\n");
    }
}
