package io.sipdrill.dashboards.analysis;

import io.sipdrill.load.journal.JournalEvent.HandsetState;
import io.sipdrill.load.journal.JournalEvent.Pop;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Population, failover, failback and dark time, all by replaying handset states: the journal's
 * record of who holds a registration where, which is what a caller dialling in would experience.
 */
final class RegistrationAnalysis {

    private RegistrationAnalysis() {
    }

    record Result(int population, Failover failover, Failback failback, double darkHandsetSeconds) {
    }

    static Result of(List<HandsetState> sortedStates, FaultTimes faults, long endMs, TimeScale scale) {
        double dark = darkHandsetSeconds(sortedStates, endMs, scale);
        if (faults.t0() == null) {
            return new Result(0, new Failover(null, null, null, 0, null),
                    new Failback(null, null, null, 0, null, 0, null), dark);
        }
        long t0 = faults.t0();
        StateReplay replay = new StateReplay(sortedStates, null);
        replay.advanceTo(t0);
        Set<Integer> population = new HashSet<>();
        replay.now().all().forEach((h, pop) -> {
            if (pop == Pop.PRIMARY) {
                population.add(h);
            }
        });
        Set<Integer> reached = new HashSet<>();
        replay.advanceTo(Long.MAX_VALUE, s -> {
            if (Registrations.locate(s) == Pop.BACKUP && population.contains(s.h())) {
                reached.add(s.h());
            }
        });

        Long[] over = ShareMilestones.firstMoments(sortedStates, t0, population, Pop.BACKUP, 0.5, 0.9, 1.0);
        Failover failover = new Failover(since(t0, over[0], scale), since(t0, over[1], scale), since(t0, over[2], scale),
                reached.size(), Rounding.percent(reached.size(), population.size()));
        return new Result(population.size(), failover,
                failback(sortedStates, faults.tR(), reached, replay.now().all(), scale), dark);
    }

    private static Failback failback(List<HandsetState> sortedStates, Long tR, Set<Integer> reached,
                                     Map<Integer, Pop> atEnd, TimeScale scale) {
        int returned = 0;
        int stuck = 0;
        for (int h : reached) {
            Pop pop = atEnd.getOrDefault(h, Pop.NONE);
            returned += pop == Pop.PRIMARY ? 1 : 0;
            stuck += pop == Pop.BACKUP ? 1 : 0;
        }
        Long[] back = tR == null ? new Long[3]
                : ShareMilestones.firstMoments(sortedStates, tR, reached, Pop.PRIMARY, 0.5, 0.9, 1.0);
        return new Failback(since(tR, back[0], scale), since(tR, back[1], scale), since(tR, back[2], scale),
                returned, Rounding.percent(returned, reached.size()),
                stuck, reached.isEmpty() ? 0.0 : Rounding.percent(stuck, reached.size()));
    }

    /**
     * Handsets that held a registration and now hold none, integrated up to the drill's end. A
     * handset still ramping up (never registered yet) is not dark: nobody expects calls to it.
     */
    static double darkHandsetSeconds(List<HandsetState> sortedStates, long endMs, TimeScale scale) {
        StateReplay replay = new StateReplay(sortedStates, null);
        double darkMs = 0;
        long last = sortedStates.isEmpty() ? endMs : sortedStates.get(0).t();
        while (replay.hasNext()) {
            long t = replay.nextTime();
            darkMs += (double) replay.now().dark() * (t - last);
            replay.advanceTo(t);
            last = t;
        }
        darkMs += (double) replay.now().dark() * Math.max(0, endMs - last);
        return Rounding.round(darkMs / 1000.0 * scale.factor(), Rounding.SECONDS);
    }

    private static Double since(Long from, Long at, TimeScale scale) {
        return from == null || at == null ? null
                : Rounding.round(scale.realSeconds(at - from), Rounding.SECONDS);
    }
}
