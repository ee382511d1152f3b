package io.sipdrill.dashboards.summary;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sipdrill.dashboards.analysis.DrillAnalysis;
import io.sipdrill.dashboards.analysis.DrillInfo;
import io.sipdrill.dashboards.analysis.DrillMetrics;
import io.sipdrill.dashboards.analysis.FaultWindow;
import io.sipdrill.dashboards.analysis.LatencySummary;
import io.sipdrill.dashboards.analysis.Phase;
import io.sipdrill.dashboards.analysis.PhaseStats;
import io.sipdrill.dashboards.analysis.SteadyStateProbe;
import io.sipdrill.dashboards.slo.SloVerdict;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@code summary.json}. The tree is built key by key, not by mapping the records, so its
 * shape is a contract that a rename in the analysis cannot break. Values never reached are
 * written as {@code null}, never left out, so readers can rely on every key being present. The
 * {@code calls} and {@code rtp} objects are the one exception: a drill without calls has neither,
 * so a registration drill's summary reads exactly as it did before calls existed. {@code steady_state}
 * lists the hypothesis' probes as checked (empty when the drill has none). {@code malformed} maps
 * each receiver that counts malformed SIP messages (handsets, in-JVM servers) to its count, and
 * {@code malformed_total} sums them; both are present only when the journal has a {@code malformed}
 * line, so older summaries read as before.
 */
public final class SummaryJson {

    public static final String FILE_NAME = "summary.json";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SummaryJson() {
    }

    /** Writes {@code outDir/summary.json} and returns its path. */
    public static Path write(DrillAnalysis analysis, Path outDir) {
        Path file = outDir.resolve(FILE_NAME);
        try {
            Files.createDirectories(outDir);
            Files.writeString(file, render(analysis) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    public static String render(DrillAnalysis analysis) {
        try {
            return MAPPER.writeValueAsString(tree(analysis));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise the summary", e);
        }
    }

    static ObjectNode tree(DrillAnalysis analysis) {
        DrillInfo info = analysis.info();
        DrillMetrics m = analysis.metrics();
        ObjectNode root = MAPPER.createObjectNode();
        root.put("drill", info.drill());
        root.put("env", info.env());
        root.put("handsets", info.handsets());
        root.put("time_scale", info.timeScale());
        root.put("population", m.population());
        root.put("t0_s", analysis.faults().t0S());
        root.put("tR_s", analysis.faults().tRS());
        root.put("duration_s", info.durationS());
        root.put("ended", info.endReason());
        // A journal without an end line: say so in words, not only by a null.
        root.put("completed", info.endReason() != null);
        root.put("cut_off", analysis.cutOff().orElse(null));
        root.put("detection_s", m.detectionS());

        ObjectNode failover = root.putObject("failover");
        failover.put("t50_s", m.failover().t50S());
        failover.put("t90_s", m.failover().t90S());
        failover.put("t100_s", m.failover().t100S());
        root.put("reached_backup_pct", m.failover().reachedBackupPct());

        ObjectNode failback = root.putObject("failback");
        failback.put("t50_s", m.failback().t50S());
        failback.put("t90_s", m.failback().t90S());
        failback.put("t100_s", m.failback().t100S());
        root.put("returned_primary_pct", m.failback().returnedPrimaryPct());
        root.put("stuck_on_backup", m.failback().stuckOnBackup());
        root.put("stuck_on_backup_pct", m.failback().stuckOnBackupPct());
        root.put("dark_handset_seconds", m.darkHandsetSeconds());

        putLatency(root, m.overall().registerLatencyMs());
        root.put("retransmission_amplification", m.overall().retransmissionAmplification());
        root.put("timeouts", m.overall().timeouts());
        ObjectNode phases = root.putObject("phases");
        for (Phase phase : Phase.values()) {
            PhaseStats stats = m.phase(phase);
            ObjectNode node = phases.putObject(phase.key());
            node.put("transactions", stats.transactions());
            node.put("sent", stats.sent());
            node.put("register_samples", stats.registerLatencyMs().count());
            putLatency(node, stats.registerLatencyMs());
            node.put("retransmission_amplification", stats.retransmissionAmplification());
            node.put("timeouts", stats.timeouts());
        }

        if (m.calls().reported()) {
            CallsJson.put(root, m.calls());
        }

        ArrayNode faults = root.putArray("faults");
        for (FaultWindow w : analysis.faults().windows()) {
            faults.addObject().put("name", w.name()).put("target", w.target())
                    .put("start_s", w.startS()).put("end_s", w.endS());
        }
        ArrayNode slo = root.putArray("slo");
        for (SloVerdict v : analysis.slo()) {
            ObjectNode node = slo.addObject();
            node.put("name", v.name());
            node.put("value", v.value());
            ObjectNode bound = node.putObject("bound");
            bound.put("min", v.bound() == null ? null : v.bound().min());
            bound.put("max", v.bound() == null ? null : v.bound().max());
            node.put("passed", v.passed());
            if (v.note() != null) {
                node.put("note", v.note());
            }
        }
        root.put("slo_passed", analysis.sloPassed());
        ArrayNode steadyState = root.putArray("steady_state");
        for (SteadyStateProbe p : analysis.steadyState()) {
            steadyState.addObject().put("when", p.when()).put("probe", p.probe()).put("value", p.value())
                    .put("min", p.min()).put("max", p.max()).put("ok", p.ok()).put("t_s", p.atS());
        }
        if (!analysis.malformed().isEmpty()) {
            ObjectNode malformed = root.putObject("malformed");
            analysis.malformed().forEach(malformed::put);
            root.put("malformed_total", analysis.malformed().values().stream().mapToLong(Long::longValue).sum());
        }
        return root;
    }

    private static void putLatency(ObjectNode parent, LatencySummary latency) {
        ObjectNode node = parent.putObject("register_latency_ms");
        node.put("p50", latency.p50());
        node.put("p95", latency.p95());
        node.put("p99", latency.p99());
    }
}
