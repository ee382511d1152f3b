package io.sipdrill.app.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class BenchTableTest {

    @Test
    void aSippP99UnderOneMillisecondGivesNoRatioRatherThanInfinity() {
        BenchResult sipdrill = new BenchResult("sipdrill", 60_000, 4000, 3994, 0, 1.62, 47.5, 4.98, 298);
        BenchResult sipp = new BenchResult("sipp", 60_000, 4000, 3982, 0, 0, 32.3, 2.05, 31);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        BenchTable.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), sipdrill, sipp, "registrations");

        String ratioLine = bytes.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("ratio")).findFirst().orElseThrow();
        assertThat(ratioLine).as("the ratio line").doesNotContain("Infinity").doesNotContain("NaN")
                .matches("ratio\\s+1\\.00\\s+-\\s+1\\.47\\s+2\\.43\\s+9\\.61");
    }
}
