package io.sipdrill.dashboards.analysis;

import java.util.List;

/**
 * Handsets per POP over time. {@code sampled} says whether the points are the journal's own
 * per-second samples or were rebuilt by replaying handset states (older or partial journals).
 */
public record Timeline(List<TimelinePoint> points, boolean sampled) {

    public Timeline {
        points = List.copyOf(points);
    }
}
