package io.sipdrill.dashboards.analysis;

import io.sipdrill.load.journal.JournalEvent.HandsetState;
import io.sipdrill.load.journal.JournalEvent.Pop;

import java.util.List;
import java.util.Set;

/**
 * The first instants, at or after {@code from}, at which given shares of a group of handsets are
 * registered on one POP at the same time. "At the same time" matters: 90% that each touched the
 * backup once is not 90% on the backup.
 */
final class ShareMilestones {

    private ShareMilestones() {
    }

    /** One drill time per share, null where the share was never reached (or the group is empty). */
    static Long[] firstMoments(List<HandsetState> sortedStates, long from, Set<Integer> group,
                               Pop pop, double... shares) {
        Long[] at = new Long[shares.length];
        if (group.isEmpty()) {
            return at;
        }
        int[] needed = new int[shares.length];
        for (int i = 0; i < shares.length; i++) {
            // The tiny epsilon keeps 0.9 × 10 from becoming 9.000000000000002 → 10.
            needed[i] = (int) Math.ceil(shares[i] * group.size() - 1e-9);
        }
        StateReplay replay = new StateReplay(sortedStates, group);
        replay.advanceTo(from);
        boolean pending = record(at, needed, replay.now().count(pop), from);
        while (pending && replay.hasNext()) {
            long t = replay.nextTime();
            replay.advanceTo(t);
            pending = record(at, needed, replay.now().count(pop), t);
        }
        return at;
    }

    /** Stamps every share the count now meets; returns whether any share is still unmet. */
    private static boolean record(Long[] at, int[] needed, int count, long t) {
        boolean pending = false;
        for (int i = 0; i < at.length; i++) {
            if (at[i] == null && count >= needed[i]) {
                at[i] = t;
            }
            pending |= at[i] == null;
        }
        return pending;
    }
}
