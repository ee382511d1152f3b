package io.sipdrill.dashboards.analysis;

import io.sipdrill.load.journal.JournalEvent.Pop;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the drill's calls measured, from the journal's {@code call} and {@code ddi} lines. A call is
 * placed in the phase in which its caller learned the outcome (the 200, or the failure or cancel),
 * by the same t0/tR the registration analysis uses. {@code reported} is false for a drill that made
 * no calls and promised none: its report then leaves the calls out rather than showing zeros.
 *
 * @param failedByCause failed calls by the journal's cause (busy, unavailable, timeout, …), most first
 * @param byPop         primary and backup always, {@code NONE} only when a call went nowhere known
 * @param byDir         {@code in} and {@code out} always
 * @param byPhase       baseline, fault and recovery always
 * @param cells         the non-empty POP × direction × phase cells, in that order
 */
public record CallMetrics(boolean reported, CallStats overall, Map<String, Integer> failedByCause,
                          Map<Pop, CallStats> byPop, Map<String, CallStats> byDir, Map<Phase, CallStats> byPhase,
                          List<CallCell> cells, RtpQuality rtp, List<DdiSwitchResult> ddiSwitches) {

    public CallMetrics {
        failedByCause = Collections.unmodifiableMap(new LinkedHashMap<>(failedByCause));
        byPop = Collections.unmodifiableMap(new EnumMap<>(byPop));
        byDir = Collections.unmodifiableMap(new LinkedHashMap<>(byDir));
        byPhase = Collections.unmodifiableMap(new EnumMap<>(byPhase));
        cells = List.copyOf(cells);
        ddiSwitches = List.copyOf(ddiSwitches);
    }

    /** The POP as summary.json and metric names spell it. */
    public static String key(Pop pop) {
        return switch (pop) {
            case PRIMARY -> "primary";
            case BACKUP -> "backup";
            case NONE -> "none";
        };
    }

    /**
     * The metrics by dotted name ({@code calls.answered_pct}, {@code calls.by_pop.backup.answered_pct},
     * {@code rtp.mos.p5}, …), the same paths as in summary.json. Every name is present even in a drill
     * without calls (values null or 0), so an SLO on calls fails as "not reached" there rather than
     * as an unknown metric.
     */
    Map<String, Double> byName() {
        Map<String, Double> m = new LinkedHashMap<>();
        putStats(m, "calls.", overall, true);
        m.put("calls.retransmits_per_call", overall.retransmitsPerCall());
        byPop.forEach((pop, stats) -> putStats(m, "calls.by_pop." + key(pop) + ".", stats, false));
        byDir.forEach((dir, stats) -> putStats(m, "calls.by_dir." + dir + ".", stats, false));
        byPhase.forEach((phase, stats) -> putStats(m, "calls.by_phase." + phase.key() + ".", stats, false));
        m.put("rtp.calls", (double) rtp.calls());
        m.put("rtp.loss_pct.p95", rtp.lossPctP95());
        m.put("rtp.loss_pct.mean", rtp.lossPctMean());
        m.put("rtp.jitter_ms.p95", rtp.jitterMsP95());
        m.put("rtp.jitter_ms.mean", rtp.jitterMsMean());
        m.put("rtp.mos.p5", rtp.mosP5());
        m.put("rtp.mos.mean", rtp.mosMean());
        return m;
    }

    private static void putStats(Map<String, Double> m, String prefix, CallStats stats, boolean allCounts) {
        CallCounts c = stats.counts();
        m.put(prefix + "attempted", (double) c.attempted());
        m.put(prefix + "answered", (double) c.answered());
        m.put(prefix + "voicemail", (double) c.voicemail());
        if (allCounts) {
            m.put(prefix + "failed", (double) c.failed());
            m.put(prefix + "cancelled", (double) c.cancelled());
        }
        m.put(prefix + "answered_pct", c.answeredPct());
        m.put(prefix + "setup_ms.p50", stats.setupMs().p50());
        m.put(prefix + "setup_ms.p95", stats.setupMs().p95());
        m.put(prefix + "setup_ms.p99", stats.setupMs().p99());
        m.put(prefix + "pdd_ms.p50", stats.pddMs().p50());
        m.put(prefix + "pdd_ms.p95", stats.pddMs().p95());
    }
}
