package io.sipdrill.app.capacity;

import io.sipdrill.app.bench.StepMeasurement;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Finds a target's breaking point: climbs from the start rate step by step until a step breaks an
 * SLO (or --max holds), bisects between the last good and the first bad rate, then runs the best
 * good rate once more, because one lucky step on a noisy machine is not a capacity.
 *
 * <pre>{@code
 * CapacityResult r = new CapacitySearch(SearchPlan.of(500, new RateStep.Factor(1.5), 20_000, Slo.DEFAULT),
 *         runner, step -> System.out.println(step)).run();
 * }</pre>
 */
public final class CapacitySearch {

    /** When the very first step breaks: this many steps down before giving up. */
    private static final int STEPS_DOWN_FROM_START = 3;

    private final SearchPlan plan;
    private final StepRunner runner;
    private final Consumer<CapacityStep> onStep;
    private final List<CapacityStep> steps = new ArrayList<>();

    public CapacitySearch(SearchPlan plan, StepRunner runner, Consumer<CapacityStep> onStep) {
        this.plan = plan;
        this.runner = runner;
        this.onStep = onStep;
    }

    public CapacityResult run() throws Exception {
        Double good = null;
        Double bad = null;
        double rate = plan.start();
        while (true) {
            if (step(CapacityStep.Phase.CLIMB, rate).sustained()) {
                good = rate;
                if (rate >= plan.max()) {
                    break;
                }
                rate = Math.min(rounded(plan.step().next(rate)), plan.max());
            } else {
                bad = rate;
                break;
            }
        }
        if (bad == null) {
            return result(CapacityResult.Outcome.MAX_REACHED, good, null, true);
        }
        if (good == null) {
            good = stepDownFromStart(bad);
            if (good == null) {
                return result(CapacityResult.Outcome.NOTHING_SUSTAINED, null, lowestBroken(), false);
            }
            bad = lowestBroken();
        }
        for (int i = 0; i < plan.bisections() && bad - good > good * plan.resolutionPct() / 100; i++) {
            double mid = rounded((good + bad) / 2);
            if (mid <= good || mid >= bad) {
                break;
            }
            if (step(CapacityStep.Phase.CONFIRM, mid).sustained()) {
                good = mid;
            } else {
                bad = mid;
            }
        }
        boolean confirmed = step(CapacityStep.Phase.CONFIRM, good).sustained();
        if (!confirmed) {
            // It broke on the re-run: the best we can still claim is the highest rate below it that held.
            double failed = good;
            Optional<Double> below = steps.stream().filter(CapacityStep::sustained).map(CapacityStep::targetRate)
                    .filter(r -> r < failed).max(Double::compare);
            if (below.isEmpty()) {
                return result(CapacityResult.Outcome.NOTHING_SUSTAINED, null, lowestBroken(), false);
            }
            good = below.get();
        }
        return result(CapacityResult.Outcome.BROKE, good, lowestBrokenAbove(good), confirmed);
    }

    /** The first step broke: walk down (÷ the factor or − the increment) until a rate holds. */
    private Double stepDownFromStart(double broken) throws Exception {
        double rate = broken;
        for (int i = 0; i < STEPS_DOWN_FROM_START; i++) {
            double lower = rounded(plan.step().previous(rate));
            if (lower >= rate || lower < 1) {
                return null;
            }
            rate = lower;
            if (step(CapacityStep.Phase.CONFIRM, rate).sustained()) {
                return rate;
            }
        }
        return null;
    }

    private CapacityStep step(CapacityStep.Phase phase, double rate) throws Exception {
        StepMeasurement measured = runner.run(steps.size(), rate);
        CapacityStep step = new CapacityStep(steps.size() + 1, phase, measured, plan.slo().broken(measured));
        steps.add(step);
        onStep.accept(step);
        return step;
    }

    private Double lowestBroken() {
        return steps.stream().filter(s -> !s.sustained()).map(CapacityStep::targetRate).min(Double::compare).orElse(null);
    }

    private Double lowestBrokenAbove(double rate) {
        return steps.stream().filter(s -> !s.sustained()).map(CapacityStep::targetRate).filter(r -> r > rate)
                .min(Double::compare).orElse(lowestBroken());
    }

    private CapacityResult result(CapacityResult.Outcome outcome, Double highest, Double breaking, boolean confirmed) {
        return new CapacityResult(outcome, Optional.ofNullable(highest), Optional.ofNullable(breaking), confirmed, steps);
    }

    /** Whole operations per second: a step runs a whole number of them. */
    private static double rounded(double rate) {
        return Math.max(1, Math.round(rate));
    }
}
