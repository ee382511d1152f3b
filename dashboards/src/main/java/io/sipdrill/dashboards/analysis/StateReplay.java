package io.sipdrill.dashboards.analysis;

import io.sipdrill.load.journal.JournalEvent.HandsetState;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Walks time-ordered handset states forward. Callers stop at the instants they care about; all
 * states stamped with the same millisecond are applied together, so a handset moving from primary
 * to backup within one tick never shows as a transient dip.
 */
final class StateReplay {

    private final List<HandsetState> states;
    private final Registrations now;
    private int next;

    StateReplay(List<HandsetState> sortedStates, Set<Integer> group) {
        this.states = sortedStates;
        this.now = new Registrations(group);
    }

    /** Applies every state stamped at or before {@code t}. */
    void advanceTo(long t) {
        advanceTo(t, s -> { });
    }

    /** Applies every state stamped at or before {@code t}, showing each to {@code seen} after it is applied. */
    void advanceTo(long t, Consumer<HandsetState> seen) {
        while (next < states.size() && states.get(next).t() <= t) {
            HandsetState state = states.get(next++);
            now.apply(state);
            seen.accept(state);
        }
    }

    boolean hasNext() {
        return next < states.size();
    }

    /** The stamp of the next unapplied state; only meaningful while {@link #hasNext()}. */
    long nextTime() {
        return states.get(next).t();
    }

    Registrations now() {
        return now;
    }
}
