package io.sipdrill.dashboards.html;

import io.sipdrill.dashboards.analysis.CallCell;
import io.sipdrill.dashboards.analysis.CallCounts;
import io.sipdrill.dashboards.analysis.CallMetrics;
import io.sipdrill.dashboards.analysis.CallStats;
import io.sipdrill.dashboards.analysis.DdiSwitchResult;
import io.sipdrill.dashboards.analysis.RtpQuality;

import java.util.Map;

/**
 * The report's Calls section: headline numbers, the POP × direction × phase breakdown with its
 * totals, failures by cause, media quality and DDI switches. Only drawn for a drill with calls.
 */
final class CallsSection {

    private static final String ALL = "all";

    private CallsSection() {
    }

    static void render(StringBuilder html, CallMetrics calls) {
        html.append("<h2>Calls</h2>\n");
        headline(html, calls.overall());
        breakdown(html, calls);
        causes(html, calls.failedByCause());
        media(html, calls.rtp());
        ddiSwitches(html, calls);
    }

    private static void headline(StringBuilder html, CallStats all) {
        CallCounts c = all.counts();
        html.append("<table>\n<tr><th>Measure</th><th class=\"num\">Value</th></tr>\n");
        row(html, "Attempted", Integer.toString(c.attempted()));
        row(html, "Answered by a handset (or the far end)", Integer.toString(c.answered()));
        row(html, "Answered by voicemail", Integer.toString(c.voicemail()));
        row(html, "Failed", Integer.toString(c.failed()));
        row(html, "Cancelled by the caller", Integer.toString(c.cancelled()));
        row(html, "Answered % (handset or voicemail ÷ attempted)", Formats.percent(c.answeredPct()));
        row(html, "Setup INVITE → 200 p50 / p95 / p99 (ms)", Formats.millis(all.setupMs().p50()) + " / "
                + Formats.millis(all.setupMs().p95()) + " / " + Formats.millis(all.setupMs().p99()));
        row(html, "Post-dial delay INVITE → 180 p50 / p95 (ms)", Formats.millis(all.pddMs().p50()) + " / "
                + Formats.millis(all.pddMs().p95()));
        row(html, "Retransmissions per call", Formats.ratio(all.retransmitsPerCall()));
        html.append("</table>\n<p class=\"note\">Setup covers calls a handset or the far end answered (a voicemail")
                .append(" answer's setup is the PBX's no-answer timer); post-dial delay covers every call that rang.")
                .append(" A call counts in the phase in which its caller learned the outcome.</p>\n");
    }

    private static void breakdown(StringBuilder html, CallMetrics calls) {
        html.append("<h3>By POP, direction and phase</h3>\n<table>\n<tr><th>POP</th><th>Direction</th><th>Phase</th>")
                .append("<th class=\"num\">Attempted</th><th class=\"num\">Answered</th><th class=\"num\">Voicemail</th>")
                .append("<th class=\"num\">Failed</th><th class=\"num\">Cancelled</th><th class=\"num\">Answered %</th>")
                .append("<th class=\"num\">Setup p50 (ms)</th><th class=\"num\">p95 (ms)</th><th class=\"num\">p99 (ms)</th>")
                .append("<th class=\"num\">PDD p95 (ms)</th><th class=\"num\">Retransmissions per call</th></tr>\n");
        for (CallCell cell : calls.cells()) {
            statsRow(html, "", CallMetrics.key(cell.pop()), cell.dir(), cell.phase().key(), cell.stats());
        }
        calls.byPop().forEach((pop, s) -> statsRow(html, "total", CallMetrics.key(pop), ALL, ALL, s));
        calls.byDir().forEach((dir, s) -> statsRow(html, "total", ALL, dir, ALL, s));
        calls.byPhase().forEach((phase, s) -> statsRow(html, "total", ALL, ALL, phase.key(), s));
        statsRow(html, "total", ALL, ALL, ALL, calls.overall());
        html.append("</table>\n");
    }

    private static void statsRow(StringBuilder html, String cls, String pop, String dir, String phase, CallStats s) {
        CallCounts c = s.counts();
        html.append(cls.isEmpty() ? "<tr>" : "<tr class=\"" + cls + "\">")
                .append("<td>").append(Html.escape(pop)).append("</td><td>").append(Html.escape(dir))
                .append("</td><td>").append(Html.escape(phase)).append("</td>")
                .append(num(Integer.toString(c.attempted()))).append(num(Integer.toString(c.answered())))
                .append(num(Integer.toString(c.voicemail()))).append(num(Integer.toString(c.failed())))
                .append(num(Integer.toString(c.cancelled()))).append(num(Formats.percent(c.answeredPct())))
                .append(num(Formats.millis(s.setupMs().p50()))).append(num(Formats.millis(s.setupMs().p95())))
                .append(num(Formats.millis(s.setupMs().p99()))).append(num(Formats.millis(s.pddMs().p95())))
                .append(num(Formats.ratio(s.retransmitsPerCall()))).append("</tr>\n");
    }

    private static void causes(StringBuilder html, Map<String, Integer> causes) {
        html.append("<h3>Failures by cause</h3>\n");
        if (causes.isEmpty()) {
            html.append("<p class=\"note\">No call failed.</p>\n");
            return;
        }
        html.append("<table>\n<tr><th>Cause</th><th class=\"num\">Calls</th></tr>\n");
        causes.forEach((cause, n) -> row(html, cause, Integer.toString(n)));
        html.append("</table>\n");
    }

    private static void media(StringBuilder html, RtpQuality rtp) {
        html.append("<h3>Media (RTP)</h3>\n");
        if (rtp.calls() == 0) {
            html.append("<p class=\"note\">No call carried RTP media: loss, jitter and MOS ")
                    .append(Formats.NOT_MEASURED).append(".</p>\n");
            return;
        }
        html.append("<table>\n<tr><th>Measure</th><th class=\"num\">p95</th><th class=\"num\">mean</th></tr>\n");
        pair(html, "Loss (%)", rtp.lossPctP95(), rtp.lossPctMean());
        pair(html, "Jitter (ms)", rtp.jitterMsP95(), rtp.jitterMsMean());
        html.append("<tr><th>MOS (E-model)</th><th class=\"num\">p5</th><th class=\"num\">mean</th></tr>\n");
        pair(html, "MOS", rtp.mosP5(), rtp.mosMean());
        html.append("</table>\n<p class=\"note\">Over the ").append(rtp.calls())
                .append(" calls that carried media, as each caller received it. MOS p5: 95% of calls sounded at least that good.</p>\n");
    }

    private static void pair(StringBuilder html, String label, Double tail, Double mean) {
        html.append("<tr><td>").append(Html.escape(label)).append("</td>")
                .append(num(Formats.quality(tail))).append(num(Formats.quality(mean))).append("</tr>\n");
    }

    private static void ddiSwitches(StringBuilder html, CallMetrics calls) {
        if (calls.ddiSwitches().isEmpty()) {
            return;
        }
        html.append("<h3>DDI routing switches</h3>\n<table>\n<tr><th>At</th><th>To</th><th>Reason</th>")
                .append("<th class=\"num\">Inbound calls after</th><th class=\"num\">Answered %</th></tr>\n");
        for (DdiSwitchResult s : calls.ddiSwitches()) {
            html.append("<tr><td>").append(Formats.seconds(s.atS())).append("</td><td>")
                    .append(CallMetrics.key(s.to())).append("</td><td>").append(Html.escape(s.reason())).append("</td>")
                    .append(num(Integer.toString(s.inboundAfter().attempted())))
                    .append(num(Formats.percent(s.inboundAfter().answeredPct()))).append("</tr>\n");
        }
        html.append("</table>\n<p class=\"note\">Inbound calls sent to that POP from the switch until the next one.</p>\n");
    }

    private static void row(StringBuilder html, String label, String value) {
        html.append("<tr><td>").append(Html.escape(label)).append("</td>").append(num(Html.escape(value))).append("</tr>\n");
    }

    private static String num(String escapedText) {
        return "<td class=\"num\">" + escapedText + "</td>";
    }
}
