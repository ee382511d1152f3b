package io.sipdrill.dashboards.compare;

/**
 * Judges one metric's move from A to B by its direction and the threshold. The threshold is relative:
 * a change is a regression when it is worse by more than {@code thresholdPct} percent of A's value.
 * From 0 any worsening counts as beyond it (0 stuck handsets becoming 3 is not noise), and for a
 * milestone time a B that never got there while A did is a regression however it is measured.
 */
final class ChangeJudge {

    private ChangeJudge() {
    }

    static MetricChange judge(Metric metric, MetricValue a, MetricValue b, double thresholdPct) {
        if (a == null || b == null) {
            return new MetricChange(metric, a != null, a == null ? null : a.value(), b != null,
                    b == null ? null : b.value(), null, a == null ? Verdict.ONLY_IN_B : Verdict.ONLY_IN_A);
        }
        Double va = a.value();
        Double vb = b.value();
        if (va == null || vb == null) {
            return new MetricChange(metric, true, va, true, vb, null, missing(metric, va, vb));
        }
        Double change = relativeChange(va, vb);
        return new MetricChange(metric, true, va, true, vb, change, verdict(metric, va, vb, change, thresholdPct));
    }

    /** One side or both have no value. */
    private static Verdict missing(Metric metric, Double va, Double vb) {
        if (va == null && vb == null) {
            return metric.nullIsNever() ? Verdict.SAME : Verdict.NOT_MEASURED;
        }
        if (!metric.nullIsNever() || metric.direction() == Direction.CONTEXT) {
            // Not measured in one run: nothing to weigh it against.
            return va == null ? Verdict.ONLY_IN_B : Verdict.ONLY_IN_A;
        }
        // A milestone only one run reached.
        boolean bNever = vb == null;
        boolean worseWhenLater = metric.direction() == Direction.LOWER_IS_BETTER;
        return bNever == worseWhenLater ? Verdict.REGRESSED : Verdict.BETTER;
    }

    private static Verdict verdict(Metric metric, double va, double vb, Double change, double thresholdPct) {
        if (same(va, vb)) {
            return Verdict.SAME;
        }
        if (metric.direction() == Direction.CONTEXT) {
            return Verdict.DIFFERS;
        }
        boolean worse = metric.direction() == Direction.LOWER_IS_BETTER ? vb > va : vb < va;
        if (!worse) {
            return Verdict.BETTER;
        }
        boolean beyond = change == null || Math.abs(change) > thresholdPct;
        return beyond ? Verdict.REGRESSED : Verdict.WORSE;
    }

    static Double relativeChange(double va, double vb) {
        if (same(va, vb)) {
            return 0.0;
        }
        if (va == 0) {
            return null;
        }
        return (vb - va) / Math.abs(va) * 100;
    }

    /** The summaries are rounded already; this only absorbs float noise in derived ratios. */
    private static boolean same(double va, double vb) {
        return Math.abs(vb - va) <= 1e-9 * Math.max(1, Math.abs(va));
    }
}
