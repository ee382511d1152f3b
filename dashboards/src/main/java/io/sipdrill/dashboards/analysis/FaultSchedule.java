package io.sipdrill.dashboards.analysis;

import java.util.List;

/**
 * When faults were on, in real-equivalent seconds since the drill started: {@code t0S} is the first
 * fault start, {@code tRS} the last fault end (recovery start). Either is null when the journal has
 * no such step.
 */
public record FaultSchedule(Double t0S, Double tRS, List<FaultWindow> windows) {

    public FaultSchedule {
        windows = List.copyOf(windows);
    }
}
