package io.sipdrill.dashboards.summary;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sipdrill.dashboards.analysis.CallCounts;
import io.sipdrill.dashboards.analysis.CallMetrics;
import io.sipdrill.dashboards.analysis.CallStats;
import io.sipdrill.dashboards.analysis.DdiSwitchResult;
import io.sipdrill.dashboards.analysis.LatencySummary;
import io.sipdrill.dashboards.analysis.RtpQuality;

/**
 * The {@code calls} and {@code rtp} objects of summary.json, nested the way the metric names read
 * ({@code calls.setup_ms.p95} is {@code calls → setup_ms → p95}). Like the rest of the summary,
 * a value never measured is written as null, not left out.
 */
final class CallsJson {

    private CallsJson() {
    }

    static void put(ObjectNode root, CallMetrics calls) {
        ObjectNode node = root.putObject("calls");
        putStats(node, calls.overall(), true);
        node.put("retransmits_per_call", calls.overall().retransmitsPerCall());
        ObjectNode causes = node.putObject("failed_by_cause");
        calls.failedByCause().forEach(causes::put);
        ObjectNode byPop = node.putObject("by_pop");
        calls.byPop().forEach((pop, stats) -> putStats(byPop.putObject(CallMetrics.key(pop)), stats, false));
        ObjectNode byDir = node.putObject("by_dir");
        calls.byDir().forEach((dir, stats) -> putStats(byDir.putObject(dir), stats, false));
        ObjectNode byPhase = node.putObject("by_phase");
        calls.byPhase().forEach((phase, stats) -> putStats(byPhase.putObject(phase.key()), stats, false));
        ArrayNode switches = node.putArray("ddi_switches");
        for (DdiSwitchResult s : calls.ddiSwitches()) {
            ObjectNode sw = switches.addObject();
            sw.put("t_s", s.atS());
            sw.put("to", CallMetrics.key(s.to()));
            sw.put("reason", s.reason());
            putCounts(sw.putObject("inbound_after"), s.inboundAfter(), false);
        }
        putRtp(root.putObject("rtp"), calls.rtp());
    }

    private static void putStats(ObjectNode node, CallStats stats, boolean overall) {
        putCounts(node, stats.counts(), overall);
        LatencySummary setup = stats.setupMs();
        node.putObject("setup_ms").put("p50", setup.p50()).put("p95", setup.p95()).put("p99", setup.p99());
        LatencySummary pdd = stats.pddMs();
        node.putObject("pdd_ms").put("p50", pdd.p50()).put("p95", pdd.p95());
        if (!overall) {
            node.put("retransmits_per_call", stats.retransmitsPerCall());
        }
    }

    private static void putCounts(ObjectNode node, CallCounts c, boolean allCounts) {
        node.put("attempted", c.attempted());
        node.put("answered", c.answered());
        node.put("voicemail", c.voicemail());
        if (allCounts) {
            node.put("failed", c.failed());
            node.put("cancelled", c.cancelled());
        }
        node.put("answered_pct", c.answeredPct());
    }

    private static void putRtp(ObjectNode node, RtpQuality rtp) {
        node.put("calls", rtp.calls());
        node.putObject("loss_pct").put("p95", rtp.lossPctP95()).put("mean", rtp.lossPctMean());
        node.putObject("jitter_ms").put("p95", rtp.jitterMsP95()).put("mean", rtp.jitterMsMean());
        node.putObject("mos").put("p5", rtp.mosP5()).put("mean", rtp.mosMean());
    }
}
