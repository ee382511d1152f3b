package io.sipdrill.dashboards.compare;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The metrics of a summary.json worth comparing between runs, each with its direction. Counts that grow
 * with the population (transactions, timeouts, messages sent, dark handset-seconds) are divided by the
 * run's handsets, so a 200-handset run compares with a 500-handset one; counts that only restate the
 * load (calls attempted, stuck handsets as a number) are left out for the same reason, their
 * percentages kept. A drill without a fault (no {@code t0_s}) has no failover, failback or
 * fault/recovery phase metrics: they are left out rather than reported as "never".
 */
final class SummaryMetrics {

    private static final String[] PHASES = {"baseline", "fault", "recovery"};

    private final JsonNode root;
    private final List<MetricValue> out = new ArrayList<>();
    private final double handsets;

    private SummaryMetrics(JsonNode root) {
        this.root = root;
        this.handsets = root.path("handsets").asDouble();
    }

    static List<MetricValue> of(JsonNode root) {
        SummaryMetrics m = new SummaryMetrics(root);
        m.collect();
        return m.out;
    }

    private void collect() {
        put(Metric.context("handsets", "handsets", ""), "handsets");
        put(Metric.context("time_scale", "time scale", "x"), "time_scale");
        boolean faulted = root.has("t0_s") && !root.get("t0_s").isNull();
        if (faulted) {
            put(Metric.lowerIsBetter("detection_s", "detection", "s"), "detection_s");
            put(Metric.timeToMilestone("failover.t50_s", "failover T50"), "failover.t50_s");
            put(Metric.timeToMilestone("failover.t90_s", "failover T90"), "failover.t90_s");
            put(Metric.timeToMilestone("failover.t100_s", "failover T100"), "failover.t100_s");
            put(Metric.higherIsBetter("reached_backup_pct", "reached backup", "%"), "reached_backup_pct");
            put(Metric.timeToMilestone("failback.t50_s", "failback T50"), "failback.t50_s");
            put(Metric.timeToMilestone("failback.t90_s", "failback T90"), "failback.t90_s");
            put(Metric.timeToMilestone("failback.t100_s", "failback T100"), "failback.t100_s");
            put(Metric.higherIsBetter("returned_primary_pct", "returned to primary", "%"), "returned_primary_pct");
            put(Metric.lowerIsBetter("stuck_on_backup_pct", "stuck on backup", "%"), "stuck_on_backup_pct");
            perHandset(Metric.lowerIsBetter("dark_handset_seconds_per_handset", "dark seconds per handset", "s"),
                    "dark_handset_seconds");
        }
        String[] phases = faulted ? PHASES : new String[] {"baseline"};
        for (String p : new String[] {"p50", "p95", "p99"}) {
            put(Metric.lowerIsBetter("register_latency_ms." + p, "REGISTER latency " + p, "ms"), "register_latency_ms." + p);
        }
        for (String phase : phases) {
            for (String p : new String[] {"p50", "p95", "p99"}) {
                String path = "phases." + phase + ".register_latency_ms." + p;
                put(Metric.lowerIsBetter(path, "REGISTER latency " + p + ", " + phase, "ms"), path);
            }
        }
        put(Metric.lowerIsBetter("retransmission_amplification", "retransmission amplification", ""),
                "retransmission_amplification");
        for (String phase : phases) {
            String path = "phases." + phase + ".retransmission_amplification";
            put(Metric.lowerIsBetter(path, "retransmission amplification, " + phase, ""), path);
        }
        perHandset(Metric.lowerIsBetter("transactions_per_handset", "transactions per handset", ""),
                phasePaths("transactions"));
        for (String phase : phases) {
            perHandset(Metric.lowerIsBetter("phases." + phase + ".transactions_per_handset",
                    "transactions per handset, " + phase, ""), "phases." + phase + ".transactions");
        }
        perHandset(Metric.lowerIsBetter("timeouts_per_handset", "timeouts per handset", ""), "timeouts");
        for (String phase : phases) {
            perHandset(Metric.lowerIsBetter("phases." + phase + ".timeouts_per_handset",
                    "timeouts per handset, " + phase, ""), "phases." + phase + ".timeouts");
        }
        for (String phase : phases) {
            requestRate(phase);
        }
        if (root.has("calls")) {
            calls(phases);
        }
    }

    private void calls(String[] phases) {
        put(Metric.higherIsBetter("calls.answered_pct", "calls answered", "%"), "calls.answered_pct");
        for (String phase : phases) {
            String path = "calls.by_phase." + phase + ".answered_pct";
            put(Metric.higherIsBetter(path, "calls answered, " + phase, "%"), path);
        }
        for (String p : new String[] {"p50", "p95", "p99"}) {
            put(Metric.lowerIsBetter("calls.setup_ms." + p, "call setup " + p, "ms"), "calls.setup_ms." + p);
        }
        for (String p : new String[] {"p50", "p95"}) {
            put(Metric.lowerIsBetter("calls.pdd_ms." + p, "post-dial delay " + p, "ms"), "calls.pdd_ms." + p);
        }
        for (String phase : phases) {
            String setup = "calls.by_phase." + phase + ".setup_ms.p95";
            put(Metric.lowerIsBetter(setup, "call setup p95, " + phase, "ms"), setup);
            String pdd = "calls.by_phase." + phase + ".pdd_ms.p95";
            put(Metric.lowerIsBetter(pdd, "post-dial delay p95, " + phase, "ms"), pdd);
        }
        put(Metric.lowerIsBetter("calls.retransmits_per_call", "retransmissions per call", ""), "calls.retransmits_per_call");
        if (root.has("rtp")) {
            put(Metric.higherIsBetter("rtp.mos.p5", "MOS p5", ""), "rtp.mos.p5");
            put(Metric.higherIsBetter("rtp.mos.mean", "MOS mean", ""), "rtp.mos.mean");
            put(Metric.lowerIsBetter("rtp.loss_pct.p95", "RTP loss p95", "%"), "rtp.loss_pct.p95");
            put(Metric.lowerIsBetter("rtp.jitter_ms.p95", "RTP jitter p95", "ms"), "rtp.jitter_ms.p95");
        }
    }

    /**
     * Messages the registrar received per handset and real minute of the phase (retransmissions included):
     * the incident's "request rate vs baseline", independent of the population and of the phase's length.
     */
    private void requestRate(String phase) {
        JsonNode sent = at("phases." + phase + ".sent");
        Double seconds = phaseSeconds(phase);
        if (sent == null) {
            return;
        }
        Metric metric = Metric.lowerIsBetter("phases." + phase + ".requests_per_handset_minute",
                "registrar requests per handset-minute, " + phase, "");
        boolean measurable = !sent.isNull() && handsets > 0 && seconds != null && seconds > 0;
        out.add(new MetricValue(metric, measurable ? round(sent.asDouble() / handsets / (seconds / 60)) : null));
    }

    /** Real-equivalent length of a phase: baseline until t0 (or the whole drill), fault t0 → tR, recovery tR → end. */
    private Double phaseSeconds(String phase) {
        Double t0 = number("t0_s");
        Double tR = number("tR_s");
        Double end = number("duration_s");
        return switch (phase) {
            case "baseline" -> t0 != null ? t0 : end;
            case "fault" -> t0 == null || tR == null ? null : tR - t0;
            default -> tR == null || end == null ? null : end - tR;
        };
    }

    private static String[] phasePaths(String field) {
        String[] paths = new String[PHASES.length];
        for (int i = 0; i < PHASES.length; i++) {
            paths[i] = "phases." + PHASES[i] + "." + field;
        }
        return paths;
    }

    private void put(Metric metric, String path) {
        JsonNode node = at(path);
        if (node != null) {
            out.add(new MetricValue(metric, node.isNumber() ? node.asDouble() : null));
        }
    }

    /** The sum of {@code paths} per handset; left out unless every path is in the summary. */
    private void perHandset(Metric metric, String... paths) {
        double sum = 0;
        boolean measured = handsets > 0;
        for (String path : paths) {
            JsonNode node = at(path);
            if (node == null) {
                return;
            }
            measured &= node.isNumber();
            sum += node.asDouble();
        }
        out.add(new MetricValue(metric, measured ? round(sum / handsets) : null));
    }

    private Double number(String path) {
        JsonNode node = at(path);
        return node != null && node.isNumber() ? node.asDouble() : null;
    }

    /** The node at a dotted path; null when the summary has no such key (a JSON null is a node). */
    private JsonNode at(String path) {
        JsonNode node = root;
        for (String part : path.split("\\.")) {
            if (node == null || !node.isObject() || !node.has(part)) {
                return null;
            }
            node = node.get(part);
        }
        return node;
    }

    /** Four decimals: a per-handset ratio of 0.0417 keeps its meaning without float noise. */
    private static double round(double v) {
        return BigDecimal.valueOf(v).setScale(4, RoundingMode.HALF_UP).doubleValue();
    }

    static String plain(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
