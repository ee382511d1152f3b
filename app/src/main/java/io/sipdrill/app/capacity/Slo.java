package io.sipdrill.app.capacity;

import io.sipdrill.app.bench.StepMeasurement;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * What a step must meet in its second half to count as sustained: failures at most
 * {@code maxFailuresPct}, p95 at most {@code maxP95Ms}, and at least {@code minAchievedPct} of the
 * target rate achieved (a registrar that answers well but only half as often has not kept up).
 */
public record Slo(double maxFailuresPct, double maxP95Ms, double minAchievedPct) {

    public static final Slo DEFAULT = new Slo(1, 100, 95);

    /** The SLOs a step broke, by name ({@code failures}, {@code p95}, {@code rate}); empty when it held. */
    public List<String> broken(StepMeasurement m) {
        List<String> broken = new ArrayList<>();
        if (!(m.failuresPct() <= maxFailuresPct)) {
            broken.add("failures");
        }
        // NaN (nothing completed in the second half) breaks it too.
        if (!(m.p95Ms() <= maxP95Ms)) {
            broken.add("p95");
        }
        if (!(m.achievedRate() >= m.targetRate() * minAchievedPct / 100)) {
            broken.add("rate");
        }
        return broken;
    }

    static String plain(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
