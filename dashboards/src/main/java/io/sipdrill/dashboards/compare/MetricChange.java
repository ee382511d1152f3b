package io.sipdrill.dashboards.compare;

/**
 * One row of a comparison. {@code inA}/{@code inB} say whether each run has the metric at all; {@code a}
 * and {@code b} are null when a run has it but never reached or measured it. {@code changePct} is
 * (B − A) ÷ |A| in percent, null when it has no finite value (A is 0 and B is not, or one side is null).
 */
public record MetricChange(Metric metric, boolean inA, Double a, boolean inB, Double b, Double changePct,
                           Verdict verdict) {

    /** Worse by more than the threshold: this is what makes {@code sipdrill compare} exit 1. */
    public boolean regressed() {
        return verdict == Verdict.REGRESSED;
    }
}
