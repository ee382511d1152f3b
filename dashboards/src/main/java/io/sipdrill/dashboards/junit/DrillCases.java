package io.sipdrill.dashboards.junit;

import io.sipdrill.dashboards.analysis.DrillAnalysis;
import io.sipdrill.dashboards.analysis.SteadyStateProbe;
import io.sipdrill.dashboards.slo.SloVerdict;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a drill's verdicts into test cases: one per SLO (classname {@code sipdrill.<drill>.slo}, named
 * by its summary.json metric), then one per steady-state probe as checked (classname
 * {@code sipdrill.<drill>.steady_state.before|after}, named by the probe's keyword). A failure's
 * message carries the measured value and the bound with their unit, so the CI page alone says how
 * far off the drill was.
 */
final class DrillCases {

    static final String SLO_FAILED = "sipdrill.SloFailed";
    static final String NOT_MEASURED = "sipdrill.NotMeasured";
    static final String UNKNOWN_METRIC = "sipdrill.UnknownMetric";
    static final String STEADY_STATE_NOT_MET = "sipdrill.SteadyStateNotMet";

    private DrillCases() {
    }

    static List<JunitCase> of(DrillAnalysis analysis) {
        String prefix = JunitXml.suiteName(analysis.info());
        List<JunitCase> cases = new ArrayList<>();
        for (SloVerdict v : analysis.slo()) {
            cases.add(new JunitCase(prefix + ".slo", v.name(), v.passed() ? null : sloFailure(v)));
        }
        for (SteadyStateProbe p : analysis.steadyState()) {
            // A hand-written journal may leave when/probe out; the case must still have a name to be listed under.
            String when = p.when() == null ? "check" : p.when();
            String probe = p.probe() == null ? "probe" : p.probe();
            cases.add(new JunitCase(prefix + ".steady_state." + when, probe, p.ok() ? null : probeFailure(p)));
        }
        return cases;
    }

    private static JunitCase.Failure sloFailure(SloVerdict v) {
        String unit = Quantity.unitOf(v.name());
        Double min = v.bound() == null ? null : v.bound().min();
        Double max = v.bound() == null ? null : v.bound().max();
        String bound = Quantity.bound(min, max, unit);
        if (v.value() == null) {
            boolean unknown = "unknown metric".equals(v.note());
            String why = unknown ? "unknown metric (not a summary.json path the report knows)"
                    : "not measured (" + (v.note() == null ? "no value" : v.note()) + ")";
            return new JunitCase.Failure(unknown ? UNKNOWN_METRIC : NOT_MEASURED, why + ", bound " + bound,
                    "SLO " + v.name() + "\nmeasured: " + why + "\nbound: " + bound
                            + "\nA metric that was never reached fails any bound.");
        }
        String measured = Quantity.of(v.value(), unit);
        return new JunitCase.Failure(SLO_FAILED, "measured " + measured + ", bound " + bound,
                "SLO " + v.name() + "\nmeasured: " + measured + "\nbound: " + bound
                        + (unit.equals("s") ? "\nTimes are real-equivalent seconds (drill time × time scale)." : ""));
    }

    private static JunitCase.Failure probeFailure(SteadyStateProbe p) {
        String bound = Quantity.bound(p.min(), p.max(), "%");
        String stage = "before".equals(p.when()) ? "the gate before the method: no fault was injected"
                : "after the method: the drill deviated";
        if (p.value() == null) {
            return new JunitCase.Failure(NOT_MEASURED, "not measured, tolerance " + bound,
                    "probe " + p.probe() + " (" + p.when() + ")\nmeasured: not measured (nothing to count in its window)"
                            + "\ntolerance: " + bound + "\nfailed " + stage);
        }
        String measured = Quantity.of(p.value(), "%");
        return new JunitCase.Failure(STEADY_STATE_NOT_MET, "measured " + measured + ", tolerance " + bound,
                "probe " + p.probe() + " (" + p.when() + ")\nmeasured: " + measured + "\ntolerance: " + bound
                        + "\nfailed " + stage);
    }
}
