package io.sipdrill.dashboards.analysis;

import io.sipdrill.load.journal.JournalEvent;
import io.sipdrill.load.journal.JournalEvent.FaultStep;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fault steps in drill milliseconds: t0, tR, the windows, and which phase an instant is in.
 * Kept in drill time because every other event is compared against it before any scaling.
 */
final class FaultTimes {

    private final Long t0;
    private final Long tR;
    private final List<Window> windows;

    private FaultTimes(Long t0, Long tR, List<Window> windows) {
        this.t0 = t0;
        this.tR = tR;
        this.windows = windows;
    }

    record Window(String name, String target, long start, Long end) {
    }

    /** Pairs each end with the oldest open start of the same fault (name and target). */
    static FaultTimes of(List<JournalEvent> sortedEvents) {
        Map<String, Deque<Integer>> open = new LinkedHashMap<>();
        List<Window> windows = new ArrayList<>();
        Long t0 = null;
        Long lastEnd = null;
        for (JournalEvent event : sortedEvents) {
            if (!(event instanceof FaultStep step) || step.action() == null) {
                continue;
            }
            String key = step.name() + '\u0000' + step.target();
            if ("start".equalsIgnoreCase(step.action())) {
                if (t0 == null) {
                    t0 = step.t();
                }
                open.computeIfAbsent(key, k -> new ArrayDeque<>()).addLast(windows.size());
                windows.add(new Window(step.name(), step.target(), step.t(), null));
            } else if ("end".equalsIgnoreCase(step.action())) {
                lastEnd = step.t();
                Integer index = takeOpen(open, key);
                if (index != null) {
                    Window w = windows.get(index);
                    windows.set(index, new Window(w.name(), w.target(), w.start(), step.t()));
                }
            }
        }
        // An end before any start cannot begin a recovery.
        Long tR = t0 != null && lastEnd != null && lastEnd >= t0 ? lastEnd : null;
        return new FaultTimes(t0, tR, List.copyOf(windows));
    }

    /** The matching open start, or (for an end that names no known fault) the oldest open one. */
    private static Integer takeOpen(Map<String, Deque<Integer>> open, String key) {
        Deque<Integer> same = open.get(key);
        if (same != null && !same.isEmpty()) {
            return same.pollFirst();
        }
        return open.values().stream()
                .filter(q -> !q.isEmpty())
                .map(Deque::peekFirst)
                .min(Integer::compare)
                .map(oldest -> {
                    open.values().forEach(q -> q.remove(oldest));
                    return oldest;
                })
                .orElse(null);
    }

    Long t0() {
        return t0;
    }

    Long tR() {
        return tR;
    }

    Phase phaseOf(long t) {
        if (t0 == null || t < t0) {
            return Phase.BASELINE;
        }
        return tR == null || t < tR ? Phase.FAULT : Phase.RECOVERY;
    }

    FaultSchedule toSchedule(TimeScale scale) {
        List<FaultWindow> scaled = windows.stream()
                .map(w -> new FaultWindow(w.name(), w.target(), seconds(scale, w.start()),
                        w.end() == null ? null : seconds(scale, w.end())))
                .toList();
        return new FaultSchedule(t0 == null ? null : seconds(scale, t0),
                tR == null ? null : seconds(scale, tR), scaled);
    }

    private static double seconds(TimeScale scale, long t) {
        return Rounding.round(scale.realSeconds(t), Rounding.SECONDS);
    }
}
