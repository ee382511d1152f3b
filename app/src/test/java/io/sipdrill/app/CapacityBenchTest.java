package io.sipdrill.app;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real measurement: {@code sipdrill capacity --env local} with its default search (500/s, ×1.5,
 * 20 s steps, failures ≤ 1%, p95 ≤ 100 ms, ≥ 95% of target) against a fresh Kamailio, only moved to
 * the 127.0.224.x / 127.0.223.x block so it runs beside other tests. Several minutes; run on a quiet
 * machine with {@code mvn -B -o -Pbench -pl app -am verify -Dtest=CapacityBenchTest -Dsurefire.failIfNoSpecifiedTests=false}.
 * The report lands in {@code app/target/sipdrill-capacity/}.
 */
@Tag("bench")
@Tag("kamailio")
class CapacityBenchTest {

    @Test
    void findsKamailiosBreakingPointWithTheDefaultSearch() {
        Path out = Path.of("target", "sipdrill-capacity", "bench-" + System.currentTimeMillis() + "-local-register");
        CliCapture.Result r = CliCapture.execute(true, "capacity", "--env", "local", "--registrar", "127.0.224.1:5060",
                "--handsets-from", "127.0.223.1", "--out", out.toString());
        assertThat(r.exitCode()).as("stderr:%n%s", r.err()).isZero();
        assertThat(out.resolve("capacity.json")).exists();
    }
}
