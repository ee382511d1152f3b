package io.sipdrill.dashboards.analysis;

import io.sipdrill.load.journal.JournalEvent.HandsetState;
import io.sipdrill.load.journal.JournalEvent.Pop;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Where each handset (optionally: each handset of a group) is registered now, with running counts
 * so a replay can ask "how many on the backup?" after every step without rescanning everyone.
 */
final class Registrations {

    private final Set<Integer> group;
    private final Map<Integer, Pop> where = new HashMap<>();
    private final Set<Integer> everRegistered = new HashSet<>();
    private int primary;
    private int backup;
    private int dark;

    /** Tracks every handset. */
    Registrations() {
        this(null);
    }

    /** Tracks only the handsets in {@code group}; others' state changes are ignored. */
    Registrations(Set<Integer> group) {
        this.group = group;
    }

    /**
     * The journal states a registration as "registered" on a POP; "lost" and anything else the
     * load module may add later means the handset holds none we can count on.
     */
    static Pop locate(HandsetState state) {
        if ("registered".equalsIgnoreCase(state.state()) && state.pop() != null) {
            return state.pop();
        }
        return Pop.NONE;
    }

    void apply(HandsetState state) {
        int h = state.h();
        if (group != null && !group.contains(h)) {
            return;
        }
        Pop before = where.getOrDefault(h, Pop.NONE);
        boolean wasDark = before == Pop.NONE && everRegistered.contains(h);
        Pop after = locate(state);
        where.put(h, after);
        if (after != Pop.NONE) {
            everRegistered.add(h);
        }
        boolean isDark = after == Pop.NONE && everRegistered.contains(h);
        primary += (after == Pop.PRIMARY ? 1 : 0) - (before == Pop.PRIMARY ? 1 : 0);
        backup += (after == Pop.BACKUP ? 1 : 0) - (before == Pop.BACKUP ? 1 : 0);
        dark += (isDark ? 1 : 0) - (wasDark ? 1 : 0);
    }

    Pop where(int h) {
        return where.getOrDefault(h, Pop.NONE);
    }

    Map<Integer, Pop> all() {
        return where;
    }

    int count(Pop pop) {
        return switch (pop) {
            case PRIMARY -> primary;
            case BACKUP -> backup;
            case NONE -> throw new IllegalArgumentException("count nowhere as total minus registered");
        };
    }

    /** Handsets that held a registration once and hold none now: the dark ones. */
    int dark() {
        return dark;
    }
}
