package io.sipdrill.chaos.drill.file;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The SLO names a drill file may use and the summary.json metric each one is judged on, with the
 * unit its bounds are written in. Durations become seconds ({@code _s}) or milliseconds ({@code _ms}),
 * percentages percent ({@code _pct}). Any summary.json metric path may be used as it is, too
 * ({@code calls.setup_ms.p95: {max: 2s}}); its unit follows its suffix.
 */
public final class SloNames {

    /** How a bound is written for a metric. */
    public enum Unit {
        /** a duration, judged in seconds */
        SECONDS,
        /** a duration, judged in milliseconds */
        MILLIS,
        /** a percentage such as {@code 2%}, judged in percent */
        PERCENT,
        /** a plain number */
        NUMBER
    }

    /** A friendly name's metric and unit. */
    public record Metric(String name, Unit unit) {
    }

    static final Map<String, Metric> FRIENDLY = new LinkedHashMap<>();

    static {
        put("detection", "detection_s", Unit.SECONDS);
        put("failover-t50", "failover.t50_s", Unit.SECONDS);
        put("failover-t90", "failover.t90_s", Unit.SECONDS);
        put("failback-t50", "failback.t50_s", Unit.SECONDS);
        put("failback-t90", "failback.t90_s", Unit.SECONDS);
        put("failback-t100", "failback.t100_s", Unit.SECONDS);
        put("reached-backup", "reached_backup_pct", Unit.PERCENT);
        put("returned-primary", "returned_primary_pct", Unit.PERCENT);
        put("stuck-on-backup", "stuck_on_backup_pct", Unit.PERCENT);
        put("stuck-on-backup-handsets", "stuck_on_backup", Unit.NUMBER);
        put("dark-handset-seconds", "dark_handset_seconds", Unit.NUMBER);
        put("retransmission-amplification", "retransmission_amplification", Unit.NUMBER);
        put("register-latency-p50", "register_latency_ms.p50", Unit.MILLIS);
        put("register-latency-p95", "register_latency_ms.p95", Unit.MILLIS);
        put("register-latency-p99", "register_latency_ms.p99", Unit.MILLIS);
        put("calls-answered", "calls.answered_pct", Unit.PERCENT);
        put("calls-setup-p95", "calls.setup_ms.p95", Unit.MILLIS);
        put("calls-pdd-p95", "calls.pdd_ms.p95", Unit.MILLIS);
        put("rtp-loss-p95", "rtp.loss_pct.p95", Unit.PERCENT);
        put("rtp-mos-p5", "rtp.mos.p5", Unit.NUMBER);
    }

    private static void put(String friendly, String metric, Unit unit) {
        FRIENDLY.put(friendly, new Metric(metric, unit));
    }

    private SloNames() {
    }

    /** Every friendly name and its metric, in a stable order. */
    public static Map<String, Metric> friendly() {
        return java.util.Collections.unmodifiableMap(FRIENDLY);
    }

    /** The metric for a friendly name or a summary.json path; null for neither. */
    static Metric resolve(String name) {
        Metric m = FRIENDLY.get(name);
        if (m != null) {
            return m;
        }
        if (!name.matches("[a-z0-9_]+(\\.[a-z0-9_]+)*") || !(name.contains(".") || name.contains("_"))) {
            return null;
        }
        String last = name.contains(".") && name.substring(name.lastIndexOf('.') + 1).matches("p\\d+|mean")
                ? name.substring(0, name.lastIndexOf('.')) : name;
        if (last.endsWith("_s")) {
            return new Metric(name, Unit.SECONDS);
        }
        if (last.endsWith("_ms")) {
            return new Metric(name, Unit.MILLIS);
        }
        if (last.endsWith("_pct")) {
            return new Metric(name, Unit.PERCENT);
        }
        return new Metric(name, Unit.NUMBER);
    }
}
