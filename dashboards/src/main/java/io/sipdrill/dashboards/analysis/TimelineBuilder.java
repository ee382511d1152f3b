package io.sipdrill.dashboards.analysis;

import io.sipdrill.load.journal.JournalEvent.HandsetState;
import io.sipdrill.load.journal.JournalEvent.Pop;
import io.sipdrill.load.journal.JournalEvent.TimelineSample;

import java.util.ArrayList;
import java.util.List;

/**
 * The handsets-per-POP series: the journal's own per-second samples when it has them (they are
 * what the run saw live), otherwise one point per drill second rebuilt from handset states.
 */
final class TimelineBuilder {

    private static final long STEP_MS = 1000;

    private TimelineBuilder() {
    }

    static Timeline of(List<TimelineSample> sortedSamples, List<HandsetState> sortedStates,
                       int handsets, long endMs, TimeScale scale) {
        if (!sortedSamples.isEmpty()) {
            List<TimelinePoint> points = sortedSamples.stream()
                    .map(s -> new TimelinePoint(seconds(scale, s.t()), s.primary(), s.backup(), s.nowhere()))
                    .toList();
            return new Timeline(points, true);
        }
        List<TimelinePoint> points = new ArrayList<>();
        StateReplay replay = new StateReplay(sortedStates, null);
        for (long t = 0; t <= endMs; t += STEP_MS) {
            replay.advanceTo(t);
            int primary = replay.now().count(Pop.PRIMARY);
            int backup = replay.now().count(Pop.BACKUP);
            points.add(new TimelinePoint(seconds(scale, t), primary, backup,
                    Math.max(0, handsets - primary - backup)));
        }
        return new Timeline(points, false);
    }

    private static double seconds(TimeScale scale, long t) {
        return Rounding.round(scale.realSeconds(t), Rounding.SECONDS);
    }
}
