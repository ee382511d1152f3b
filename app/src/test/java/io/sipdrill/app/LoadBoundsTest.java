package io.sipdrill.app;

import io.sipdrill.chaos.drill.DrillPlan;
import io.sipdrill.chaos.drill.file.DrillFileParser;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The run's load limits: what the defaults let through (every shipped drill), what they refuse, and the flags that raise them. */
class LoadBoundsTest {

    @Test
    void thePeakRegisterRateIsTheRampOrTheEarliestRefreshWhicheverIsMore() {
        // 500 handsets over a 1-minute ramp at 20x: 3 s, so 166.7/s; 10-minute registrations at 20x: 30 s, refreshed from 15 s: 33.3/s.
        assertThat(LoadBounds.peakRegisterRate(DrillPlan.registrarOutage(500, 20), 500)).isCloseTo(166.7, org.assertj.core.data.Offset.offset(0.1));
        // At 3600x the ramp is 16.7 ms: 30,000/s; the 1-s minimum registration refreshes from 0.5 s: 1,000/s.
        assertThat(LoadBounds.peakRegisterRate(DrillPlan.registrarOutage(500, 3600), 500)).isCloseTo(30_000, org.assertj.core.data.Offset.offset(1.0));
    }

    @Test
    void everyShippedDrillAndBuiltInPassesTheDefaults() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("..", "drills"))) {
            List<Path> drills = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
            assertThat(drills).as("drills/*.yaml").hasSizeGreaterThanOrEqualTo(5);
            for (Path file : drills) {
                DrillPlan plan = DrillFileParser.parse(file, file.toString()).toPlan();
                assertThatCode(() -> LoadBounds.DEFAULTS.check(plan, plan.handsets())).as(file.toString()).doesNotThrowAnyException();
            }
        }
        assertThatCode(() -> LoadBounds.DEFAULTS.check(DrillPlan.registrarOutage(500, 20), 500)).doesNotThrowAnyException();
        assertThatCode(() -> LoadBounds.DEFAULTS.check(DrillPlan.callLoad(200, 1), 200)).doesNotThrowAnyException();
        // README's sharding example: 20,000 handsets in two shards at 20x, 10,000 per process.
        assertThatCode(() -> LoadBounds.DEFAULTS.check(DrillPlan.registrarOutage(20_000, 20), 10_000)).doesNotThrowAnyException();
    }

    @Test
    void tooManyHandsetsInOneProcessAreRefusedNamingTheFlag() {
        DrillPlan plan = DrillPlan.registrarOutage(1_000_000, 1);
        assertThatThrownBy(() -> LoadBounds.DEFAULTS.check(plan, 1_000_000)).isInstanceOf(BadInputException.class)
                .hasMessage("1000000 handsets in one process is above the limit of 100000 (one JVM's design point;"
                        + " shard beyond it with --shard); raise it with --max-handsets 1000000 if you mean it");
        // Ten shards of it are 100,000 each (its ramp: 1,000,000 in 60 s is 16,667/s, so the rate bound is raised too).
        assertThatCode(() -> new LoadBounds(100_000, 20_000, Duration.ofHours(24)).check(plan, 100_000)).doesNotThrowAnyException();
    }

    @Test
    void aFloodOfRegistersIsRefusedNamingTheRateItWouldSendAndTheFlag() {
        DrillPlan plan = DrillPlan.registrarOutage(500, 3600);
        assertThatThrownBy(() -> LoadBounds.DEFAULTS.check(plan, 500)).isInstanceOf(BadInputException.class)
                .hasMessage("registrar-outage would send up to 30000 REGISTER/s (500 handsets, ramp 0.0167 s and registrations"
                        + " of 1.00 s after time scale 3600), above the limit of 5000/s; lower --handsets or --time-scale,"
                        + " or raise it with --max-register-rate 30000 if you mean it");
        assertThatCode(() -> new LoadBounds(100_000, 30_000, Duration.ofHours(24)).check(plan, 500)).doesNotThrowAnyException();
    }

    @Test
    void aRunLongerThanTheLimitIsRefusedNamingTheFlag() {
        DrillPlan plan = DrillPlan.registrarOutage(50, 0.01); // 40 drill minutes at 0.01x: 66 h 40 min
        assertThatThrownBy(() -> LoadBounds.DEFAULTS.check(plan, 50)).isInstanceOf(BadInputException.class)
                .hasMessage("registrar-outage would run for 66h40m (40m of drill at time scale 0.01), above the limit of 24h;"
                        + " raise it with --max-run-time 66h40m if you mean it");
        assertThatCode(() -> new LoadBounds(100_000, 5_000, Duration.ofHours(67)).check(plan, 50)).doesNotThrowAnyException();
    }

    @Test
    void boundsMustBePositive() {
        assertThatThrownBy(() -> new LoadBounds(0, 5_000, Duration.ofHours(1))).isInstanceOf(BadInputException.class);
        assertThatThrownBy(() -> new LoadBounds(10, 0, Duration.ofHours(1))).isInstanceOf(BadInputException.class);
        assertThatThrownBy(() -> new LoadBounds(10, 5_000, Duration.ZERO)).isInstanceOf(BadInputException.class);
    }
}
