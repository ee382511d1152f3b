package io.sipdrill.chaos.drill;

import java.time.Duration;
import java.util.List;

/**
 * The Chaos Toolkit part of a drill: the steady-state hypothesis checked at {@code start} (a gate:
 * the method runs only if it holds) and again at the end (deviated or not), the method's steps
 * (real-equivalent times since the drill started, in order), and the rollbacks by strategy.
 */
public record DrillMethod(Duration start, List<ProbeCheck> hypothesis, List<Step> steps,
                          RollbackStrategy strategy, List<Action> rollbacks) {

    public DrillMethod {
        hypothesis = List.copyOf(hypothesis);
        steps = List.copyOf(steps);
        rollbacks = List.copyOf(rollbacks);
        for (int i = 1; i < steps.size(); i++) {
            if (steps.get(i).at().compareTo(steps.get(i - 1).at()) < 0) {
                throw new IllegalArgumentException("method steps must be in time order: step " + i + " at "
                        + steps.get(i).at() + " comes before " + steps.get(i - 1).at());
            }
        }
        if (steps.stream().anyMatch(s -> s.action() instanceof Action.End)) {
            throw new IllegalArgumentException("the end of a drill is its duration, not a step");
        }
    }

    /** No hypothesis, no steps, no rollbacks. */
    public static DrillMethod none() {
        return new DrillMethod(Duration.ZERO, List.of(), List.of(), RollbackStrategy.DEFAULT, List.of());
    }
}
