package io.sipdrill.dashboards.compare;

/**
 * How a metric moved from run A (the baseline) to run B (the candidate). Only {@link #REGRESSED}, worse
 * by more than the threshold, fails a comparison; a metric only one run has is listed, never judged.
 */
public enum Verdict {
    BETTER("better"),
    SAME("same"),
    WORSE("worse"),
    REGRESSED("REGRESSED"),
    /** A context metric (handsets, time scale) that differs: worth seeing, not a verdict. */
    DIFFERS("differs"),
    ONLY_IN_A("only in A"),
    ONLY_IN_B("only in B"),
    NOT_MEASURED("not measured");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    /** As the table and compare.json spell it. */
    public String label() {
        return label;
    }
}
