package io.sipdrill.app.capacity;

import io.sipdrill.app.bench.StepMeasurement;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The search against a fake system that keeps up to a known rate and breaks above it; no network, no clock. */
class CapacitySearchTest {

    /** Holds every SLO up to {@code limit}/s; above it p95 explodes and a tenth of the load fails. */
    private static final class FakeRegistrar implements StepRunner {
        private final double limit;
        final List<Double> rates = new ArrayList<>();
        final List<Integer> indexes = new ArrayList<>();

        FakeRegistrar(double limit) {
            this.limit = limit;
        }

        @Override
        public StepMeasurement run(int index, double rate) {
            rates.add(rate);
            indexes.add(index);
            boolean keepsUp = rate <= limit;
            return new StepMeasurement(rate, (int) (rate * 20), keepsUp ? rate : limit, keepsUp ? 0 : 10,
                    2, keepsUp ? 8 : 900, keepsUp ? 12 : 2000, 1, 50, 2, 100);
        }
    }

    private static CapacityResult search(StepRunner system, SearchPlan plan) throws Exception {
        return new CapacitySearch(plan, system, step -> { }).run();
    }

    @Test
    void findsTheBreakingPointWithinTheStepResolutionAndConfirmsDownward() throws Exception {
        FakeRegistrar registrar = new FakeRegistrar(2000);
        CapacityResult r = search(registrar, SearchPlan.of(500, new RateStep.Factor(1.5), 50_000, Slo.DEFAULT));

        assertThat(r.outcome()).isEqualTo(CapacityResult.Outcome.BROKE);
        assertThat(registrar.rates).as("climb ×1.5, then bisect twice, then re-run the best")
                .containsExactly(500.0, 750.0, 1125.0, 1688.0, 2532.0, 2110.0, 1899.0, 1899.0);
        assertThat(r.highestSustainable()).contains(1899.0);
        assertThat(r.highestSustainable().orElseThrow()).as("within one bisected step below the true limit")
                .isLessThanOrEqualTo(2000).isGreaterThan(2000 / 1.5);
        assertThat(r.firstBreaking()).contains(2110.0);
        assertThat(r.confirmed()).isTrue();
        assertThat(r.atHighest().orElseThrow().phase()).isEqualTo(CapacityStep.Phase.CONFIRM);
        assertThat(r.steps()).as("steps after the first bad one confirm downward").filteredOn(s -> s.index() > 5)
                .allMatch(s -> s.phase() == CapacityStep.Phase.CONFIRM)
                .allMatch(s -> s.targetRate() < 2532);
        assertThat(registrar.indexes).as("each step its own index: its own handsets").containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
    }

    @Test
    void namesTheBrokenSlos() throws Exception {
        CapacityResult r = search(new FakeRegistrar(1000), SearchPlan.of(500, new RateStep.Increment(500), 50_000, Slo.DEFAULT));

        CapacityStep broken = r.steps().stream().filter(s -> !s.sustained()).findFirst().orElseThrow();
        assertThat(broken.broken()).containsExactly("failures", "p95", "rate");
        assertThat(r.highestSustainable()).contains(1000.0);
    }

    @Test
    void stopsAtMaxWithoutBreaking() throws Exception {
        FakeRegistrar registrar = new FakeRegistrar(1_000_000);
        CapacityResult r = search(registrar, SearchPlan.of(500, new RateStep.Increment(500), 1800, Slo.DEFAULT));

        assertThat(registrar.rates).as("the last step is --max itself").containsExactly(500.0, 1000.0, 1500.0, 1800.0);
        assertThat(r.outcome()).isEqualTo(CapacityResult.Outcome.MAX_REACHED);
        assertThat(r.highestSustainable()).contains(1800.0);
        assertThat(r.firstBreaking()).isEmpty();
        assertThat(r.verdict()).contains("no breaking point up to --max");
    }

    @Test
    void aFirstStepAlreadyBrokenStepsDownUntilOneHolds() throws Exception {
        FakeRegistrar registrar = new FakeRegistrar(300);
        CapacityResult r = search(registrar, SearchPlan.of(500, new RateStep.Factor(1.5), 50_000, Slo.DEFAULT));

        assertThat(registrar.rates.subList(0, 3)).as("500 broke, 333 broke, 222 held").containsExactly(500.0, 333.0, 222.0);
        assertThat(r.outcome()).isEqualTo(CapacityResult.Outcome.BROKE);
        assertThat(r.highestSustainable().orElseThrow()).isBetween(222.0, 300.0);
        assertThat(r.firstBreaking().orElseThrow()).isGreaterThan(300);
    }

    @Test
    void nothingHoldsWhenEvenTheStepsDownBreak() throws Exception {
        FakeRegistrar registrar = new FakeRegistrar(10);
        CapacityResult r = search(registrar, SearchPlan.of(500, new RateStep.Factor(2), 50_000, Slo.DEFAULT));

        assertThat(registrar.rates).containsExactly(500.0, 250.0, 125.0, 63.0);
        assertThat(r.outcome()).isEqualTo(CapacityResult.Outcome.NOTHING_SUSTAINED);
        assertThat(r.highestSustainable()).isEmpty();
        assertThat(r.firstBreaking()).contains(63.0);
        assertThat(r.verdict()).contains("try a lower --start");
    }

    @Test
    void aBestRateThatBreaksOnTheReRunFallsBackToTheNextLowerOneThatHeld() throws Exception {
        // Noise: 1688/s held on the climb but breaks every time after.
        List<Double> seen = new ArrayList<>();
        StepRunner flaky = (index, rate) -> {
            boolean secondTry = seen.contains(rate);
            seen.add(rate);
            boolean ok = rate <= 1125 || (rate == 1688 && !secondTry);
            return new StepMeasurement(rate, 100, rate, ok ? 0 : 5, 1, ok ? 5 : 500, ok ? 9 : 900, 1, 1, 1, 1);
        };
        CapacityResult r = search(flaky, new SearchPlan(500, new RateStep.Factor(1.5), 50_000, Slo.DEFAULT, 0, 5));

        assertThat(seen).containsExactly(500.0, 750.0, 1125.0, 1688.0, 2532.0, 1688.0);
        assertThat(r.confirmed()).isFalse();
        assertThat(r.highestSustainable()).contains(1125.0);
        assertThat(r.verdict()).contains("did not hold on the re-run");
    }

    @Test
    void parsesFactorsAndIncrements() {
        assertThat(RateStep.parse("1.5")).isEqualTo(new RateStep.Factor(1.5));
        assertThat(RateStep.parse("x2")).isEqualTo(new RateStep.Factor(2));
        assertThat(RateStep.parse("+500")).isEqualTo(new RateStep.Increment(500));
    }
}
