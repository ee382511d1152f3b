package io.sipdrill.dashboards.analysis;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every number the drill measures. {@code population} is the handsets registered on the primary at
 * t0; {@code detectionS} is t0 → first failed transaction; {@code darkHandsetSeconds} integrates
 * handsets that held a registration and lost it. {@code phases} always holds all three phases.
 * {@code calls} is always there; {@link CallMetrics#reported()} says whether the drill had calls.
 */
public record DrillMetrics(int population, Double detectionS, Failover failover, Failback failback,
                           double darkHandsetSeconds, PhaseStats overall, Map<Phase, PhaseStats> phases,
                           CallMetrics calls) {

    public DrillMetrics {
        // An EnumMap keeps baseline, fault, recovery in order for whoever iterates it.
        phases = Collections.unmodifiableMap(new EnumMap<>(phases));
    }

    public PhaseStats phase(Phase phase) {
        return phases.get(phase);
    }

    /**
     * The metrics by the dotted names SLOs use; the names are also paths into summary.json
     * ({@code failover.t50_s}, {@code phases.fault.register_latency_ms.p99}, {@code calls.answered_pct},
     * {@code rtp.mos.p5}, …).
     */
    public Map<String, Double> byName() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("population", (double) population);
        m.put("detection_s", detectionS);
        m.put("failover.t50_s", failover.t50S());
        m.put("failover.t90_s", failover.t90S());
        m.put("failover.t100_s", failover.t100S());
        m.put("reached_backup_pct", failover.reachedBackupPct());
        m.put("failback.t50_s", failback.t50S());
        m.put("failback.t90_s", failback.t90S());
        m.put("failback.t100_s", failback.t100S());
        m.put("returned_primary_pct", failback.returnedPrimaryPct());
        m.put("stuck_on_backup", (double) failback.stuckOnBackup());
        m.put("stuck_on_backup_pct", failback.stuckOnBackupPct());
        m.put("dark_handset_seconds", darkHandsetSeconds);
        putStats(m, "", overall);
        for (Phase phase : Phase.values()) {
            putStats(m, "phases." + phase.key() + ".", phases.get(phase));
        }
        m.putAll(calls.byName());
        return m;
    }

    private static void putStats(Map<String, Double> m, String prefix, PhaseStats stats) {
        m.put(prefix + "register_latency_ms.p50", stats.registerLatencyMs().p50());
        m.put(prefix + "register_latency_ms.p95", stats.registerLatencyMs().p95());
        m.put(prefix + "register_latency_ms.p99", stats.registerLatencyMs().p99());
        m.put(prefix + "retransmission_amplification", stats.retransmissionAmplification());
        m.put(prefix + "timeouts", (double) stats.timeouts());
    }
}
