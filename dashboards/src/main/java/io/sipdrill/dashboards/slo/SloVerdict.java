package io.sipdrill.dashboards.slo;

import io.sipdrill.load.journal.JournalEvent.Slo;

/**
 * One SLO judged: the metric's value (null when never reached or unknown), the bound it was held
 * to, whether it passed, and a note saying why a null failed.
 */
public record SloVerdict(String name, Double value, Slo bound, boolean passed, String note) {

    /** The bound as people read it: "≤ 600", "≥ 80", "80 … 100". */
    public String boundText() {
        Double min = bound == null ? null : bound.min();
        Double max = bound == null ? null : bound.max();
        if (min != null && max != null) {
            return Numbers.plain(min) + " … " + Numbers.plain(max);
        }
        if (min != null) {
            return "≥ " + Numbers.plain(min);
        }
        return max != null ? "≤ " + Numbers.plain(max) : "any";
    }
}
