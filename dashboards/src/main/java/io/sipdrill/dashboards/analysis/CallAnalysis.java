package io.sipdrill.dashboards.analysis;

import io.sipdrill.load.journal.JournalEvent.CallEnded;
import io.sipdrill.load.journal.JournalEvent.DdiRoute;
import io.sipdrill.load.journal.JournalEvent.Pop;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The calls of a drill: counts, setup and post-dial delay, retransmissions and RTP quality, overall
 * and per POP, direction and phase, and how inbound calls fared after each DDI switch.
 */
final class CallAnalysis {

    private static final List<String> DIRECTIONS = List.of("in", "out");

    private CallAnalysis() {
    }

    /**
     * @param sortedCalls  the journal's call lines in drill-time order
     * @param sortedRoutes its DDI routing switches in drill-time order
     * @param expected     the drill promised calls (its SLOs name call or RTP metrics): report them even if none came
     */
    static CallMetrics of(List<CallEnded> sortedCalls, List<DdiRoute> sortedRoutes, FaultTimes faults,
                          TimeScale scale, boolean expected) {
        CallTally overall = new CallTally();
        Map<Pop, CallTally> byPop = new EnumMap<>(Pop.class);
        byPop.put(Pop.PRIMARY, new CallTally());
        byPop.put(Pop.BACKUP, new CallTally());
        Map<String, CallTally> byDir = new LinkedHashMap<>();
        DIRECTIONS.forEach(d -> byDir.put(d, new CallTally()));
        Map<Phase, CallTally> byPhase = new EnumMap<>(Phase.class);
        for (Phase phase : Phase.values()) {
            byPhase.put(phase, new CallTally());
        }
        // A TreeMap keyed in POP, direction, phase order keeps the breakdown table stable.
        Map<CellKey, CallTally> cells = new TreeMap<>();
        Map<String, Integer> causes = new LinkedHashMap<>();
        LatencySamples loss = new LatencySamples();
        LatencySamples jitter = new LatencySamples();
        LatencySamples mos = new LatencySamples();
        int withMedia = 0;

        for (CallEnded call : sortedCalls) {
            Pop pop = call.pop() == null ? Pop.NONE : call.pop();
            String dir = call.dir() == null ? "unknown" : call.dir();
            Phase phase = faults.phaseOf(outcomeAt(call));
            overall.add(call);
            byPop.computeIfAbsent(pop, p -> new CallTally()).add(call);
            byDir.computeIfAbsent(dir, d -> new CallTally()).add(call);
            byPhase.get(phase).add(call);
            cells.computeIfAbsent(new CellKey(pop, dir, phase), k -> new CallTally()).add(call);
            if (CallOutcome.of(call) == CallOutcome.FAILED) {
                causes.merge(call.cause() == null ? "unknown" : call.cause(), 1, Integer::sum);
            }
            if (call.rtpLossPct() != null || call.rtpJitterMs() != null || call.mos() != null) {
                withMedia++;
                addIfPresent(loss, call.rtpLossPct());
                addIfPresent(jitter, call.rtpJitterMs());
                addIfPresent(mos, call.mos());
            }
        }

        RtpQuality rtp = new RtpQuality(withMedia,
                loss.percentile(95, Rounding.MEDIA), loss.mean(Rounding.MEDIA),
                jitter.percentile(95, Rounding.MEDIA), jitter.mean(Rounding.MEDIA),
                mos.percentile(5, Rounding.MEDIA), mos.mean(Rounding.MEDIA));
        List<CallCell> cellList = new ArrayList<>();
        cells.forEach((k, tally) -> cellList.add(new CallCell(k.pop(), k.dir(), k.phase(), tally.stats())));
        boolean reported = expected || !sortedCalls.isEmpty() || !sortedRoutes.isEmpty();
        return new CallMetrics(reported, overall.stats(), mostFirst(causes), stats(byPop), stats(byDir),
                stats(byPhase), cellList, rtp, ddiSwitches(sortedCalls, sortedRoutes, scale));
    }

    /**
     * When the caller learned how the call ended: the 200 for an answered call (the line is written
     * at hang-up, talk time later), the line's own time otherwise. Setup belongs to that moment,
     * not to the hang-up that may fall in the next phase.
     */
    static long outcomeAt(CallEnded call) {
        boolean answered = CallOutcome.of(call) == CallOutcome.ANSWERED || CallOutcome.of(call) == CallOutcome.VOICEMAIL;
        if (answered && call.talkMs() != null) {
            return Math.max(0, call.t() - Math.round(call.talkMs()));
        }
        return call.t();
    }

    /** Each switch with the inbound calls sent to its POP from then until the next switch. */
    private static List<DdiSwitchResult> ddiSwitches(List<CallEnded> sortedCalls, List<DdiRoute> sortedRoutes,
                                                     TimeScale scale) {
        List<DdiSwitchResult> results = new ArrayList<>();
        for (int i = 0; i < sortedRoutes.size(); i++) {
            DdiRoute route = sortedRoutes.get(i);
            long from = route.t();
            long until = i + 1 < sortedRoutes.size() ? sortedRoutes.get(i + 1).t() : Long.MAX_VALUE;
            CallTally inbound = new CallTally();
            for (CallEnded call : sortedCalls) {
                long at = outcomeAt(call);
                if ("in".equals(call.dir()) && call.pop() == route.to() && at >= from && at < until) {
                    inbound.add(call);
                }
            }
            results.add(new DdiSwitchResult(Rounding.round(scale.realSeconds(from), Rounding.SECONDS),
                    route.to() == null ? Pop.NONE : route.to(), route.reason(), inbound.counts()));
        }
        return results;
    }

    private record CellKey(Pop pop, String dir, Phase phase) implements Comparable<CellKey> {

        private static final Comparator<CellKey> ORDER = Comparator.comparing(CellKey::pop)
                .thenComparing(k -> DIRECTIONS.contains(k.dir()) ? DIRECTIONS.indexOf(k.dir()) : DIRECTIONS.size())
                .thenComparing(CellKey::dir)
                .thenComparing(CellKey::phase);

        @Override
        public int compareTo(CellKey other) {
            return ORDER.compare(this, other);
        }
    }

    private static void addIfPresent(LatencySamples samples, Double value) {
        if (value != null && !value.isNaN()) {
            samples.add(value);
        }
    }

    private static Map<String, Integer> mostFirst(Map<String, Integer> causes) {
        Map<String, Integer> sorted = new LinkedHashMap<>();
        causes.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    private static <K> Map<K, CallStats> stats(Map<K, CallTally> tallies) {
        Map<K, CallStats> stats = new LinkedHashMap<>();
        tallies.forEach((k, tally) -> stats.put(k, tally.stats()));
        return stats;
    }
}
