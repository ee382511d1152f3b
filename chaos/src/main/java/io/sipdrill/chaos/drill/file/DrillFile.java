package io.sipdrill.chaos.drill.file;

import io.sipdrill.chaos.drill.Action;
import io.sipdrill.chaos.drill.CallPlan;
import io.sipdrill.chaos.drill.DrillMethod;
import io.sipdrill.chaos.drill.DrillPlan;
import io.sipdrill.chaos.drill.ProbeCheck;
import io.sipdrill.chaos.drill.RollbackStrategy;
import io.sipdrill.chaos.drill.Step;
import io.sipdrill.load.calls.CallTimes;
import io.sipdrill.load.handset.PopulationMix;
import io.sipdrill.load.journal.JournalEvent;
import io.sipdrill.load.sip.transport.SipTransport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A drill file, read and validated ({@link DrillFileParser}). Times are real-equivalent: the
 * method's {@code at} counts from the end of {@code warmUp} (when the steady-state hypothesis is
 * checked), and the drill plays them {@code timeScale} times faster.
 *
 * @param name        the file's name without {@code .yaml}: the drill's name in reports
 * @param warmUp      drill time before the method: handsets register (over the population's ramp)
 *                    and calls begin; the hypothesis is checked at its end
 * @param method      the steps in time order; the last is {@link Action.End}
 * @param slo         bounds by summary.json metric, in its units (seconds, ms, percent)
 */
public record DrillFile(String name, String title, String description, double timeScale, Population population,
                        Duration warmUp, List<ProbeCheck> hypothesis, List<FileStep> method,
                        RollbackStrategy strategy, List<FileAction> rollbacks, Map<String, JournalEvent.Slo> slo) {

    public DrillFile {
        hypothesis = List.copyOf(hypothesis);
        method = List.copyOf(method);
        rollbacks = List.copyOf(rollbacks);
        slo = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(slo));
    }

    /** Who the handsets are and what they do. {@code calls} is null for registrations only. */
    public record Population(int handsets, Duration ramp, PopulationMix mix, Duration expires, String transport,
                             int failoverAfter, Duration retryDelay, Calls calls) {
    }

    /**
     * The drill's call traffic, per second of the drill as it plays (calls are not time-scaled:
     * ringing, talking and media take real time). Calls start when the population's ramp is over
     * and stop at {@code until} (method time; null: 15 s of drill time before the end).
     */
    public record Calls(double inboundPerSecond, double outboundPerSecond, boolean rtp, Duration until) {
    }

    /** A method step as written: {@code at} since the method started, and where it was written. */
    public record FileStep(Duration at, Action action, Where where) {
    }

    /** A rollback action as written. */
    public record FileAction(Action action, Where where) {
    }

    /** When the drill ends, in real-equivalent time since it started. */
    public Duration duration() {
        return warmUp.plus(method.get(method.size() - 1).at());
    }

    /** The plan as written. */
    public DrillPlan toPlan() {
        return toPlan(null, null);
    }

    /**
     * The plan, with the command line's {@code --handsets} and {@code --time-scale} (when not
     * null) in place of the file's.
     */
    public DrillPlan toPlan(Integer handsets, Double scale) {
        int n = handsets == null ? population.handsets() : handsets;
        double s = scale == null ? timeScale : scale;
        List<Step> steps = new ArrayList<>();
        for (FileStep step : method) {
            if (!(step.action() instanceof Action.End)) {
                steps.add(new Step(warmUp.plus(step.at()), step.action()));
            }
        }
        DrillMethod drillMethod = new DrillMethod(warmUp, hypothesis, steps, strategy,
                rollbacks.stream().map(FileAction::action).toList());
        CallPlan calls = null;
        Population p = population;
        if (p.calls() != null) {
            Duration until = p.calls().until() != null ? warmUp.plus(p.calls().until())
                    : duration().minus(Duration.ofNanos((long) (15e9 * s)));
            calls = new CallPlan(p.calls().inboundPerSecond(), p.calls().outboundPerSecond(), CallTimes.DEFAULT,
                    p.calls().rtp(), p.ramp(), until.compareTo(p.ramp()) < 0 ? p.ramp() : until,
                    CallPlan.DEFAULT_CARRIER, List.of());
        }
        return new DrillPlan(name, n, s, p.mix(), p.ramp(), p.expires(), p.failoverAfter(), p.retryDelay(),
                null, Duration.ZERO, duration(), slo, calls, drillMethod,
                "tls".equals(p.transport()) ? SipTransport.TLS : SipTransport.UDP);
    }
}
