package io.sipdrill.dashboards.analysis;

import io.sipdrill.load.journal.JournalEvent.ProbeResult;

/**
 * One probe of the drill file's steady-state hypothesis as the runner checked it: {@code when}
 * {@code before} (the gate) or {@code after} the method, the probe's keyword
 * ({@code registered-on primary}), its value in percent (null: not measured, which fails), the
 * tolerance's bounds and whether it held. {@code atS} is real-equivalent seconds since the drill began.
 */
public record SteadyStateProbe(String when, String probe, Double value, Double min, Double max, boolean ok,
                               double atS) {

    static SteadyStateProbe of(ProbeResult result, TimeScale scale) {
        return new SteadyStateProbe(result.when(), result.probe(), result.value(), result.min(), result.max(),
                result.ok(), Rounding.round(scale.realSeconds(result.t()), Rounding.SECONDS));
    }
}
