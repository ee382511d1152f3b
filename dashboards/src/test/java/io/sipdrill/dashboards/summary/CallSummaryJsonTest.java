package io.sipdrill.dashboards.summary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sipdrill.dashboards.CallJournal;
import io.sipdrill.dashboards.OutageJournal;
import io.sipdrill.dashboards.analysis.DrillAnalyzer;
import io.sipdrill.load.journal.JournalEvent;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CallSummaryJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode summary(List<JournalEvent> events) throws IOException {
        return JSON.readTree(SummaryJson.render(DrillAnalyzer.analyze(events)));
    }

    private static JsonNode at(JsonNode root, String dotted) {
        return root.at("/" + dotted.replace('.', '/'));
    }

    @Test
    void callKeysAreNestedLikeTheirMetricNames() throws IOException {
        JsonNode json = summary(CallJournal.events());
        for (String key : List.of("calls.attempted", "calls.answered", "calls.voicemail", "calls.failed",
                "calls.cancelled", "calls.answered_pct", "calls.setup_ms.p50", "calls.setup_ms.p95",
                "calls.setup_ms.p99", "calls.pdd_ms.p50", "calls.pdd_ms.p95", "calls.retransmits_per_call",
                "calls.failed_by_cause", "calls.by_pop.primary.answered_pct", "calls.by_pop.backup.attempted",
                "calls.by_dir.in.answered_pct", "calls.by_dir.out.setup_ms.p95", "calls.by_phase.baseline.attempted",
                "calls.by_phase.fault.answered_pct", "calls.by_phase.recovery.pdd_ms.p95", "calls.ddi_switches",
                "rtp.calls", "rtp.loss_pct.p95", "rtp.loss_pct.mean", "rtp.jitter_ms.p95", "rtp.jitter_ms.mean",
                "rtp.mos.p5", "rtp.mos.mean")) {
            assertThat(at(json, key).isMissingNode()).as("summary.json has %s", key).isFalse();
        }
    }

    @Test
    void callValuesMatchTheAnalysis() throws IOException {
        JsonNode json = summary(CallJournal.events());
        assertThat(at(json, "calls.attempted").asInt()).isEqualTo(13);
        assertThat(at(json, "calls.voicemail").asInt()).isEqualTo(1);
        assertThat(at(json, "calls.answered_pct").asDouble()).isEqualTo(53.8);
        assertThat(at(json, "calls.setup_ms.p95").asDouble()).isEqualTo(400.0);
        assertThat(at(json, "calls.pdd_ms.p95").asDouble()).isEqualTo(150.0);
        assertThat(at(json, "calls.failed_by_cause.timeout").asInt()).isEqualTo(2);
        assertThat(at(json, "calls.by_pop.backup.answered_pct").asDouble()).isEqualTo(50.0);
        assertThat(at(json, "calls.by_phase.fault.attempted").asInt()).isEqualTo(5);
        assertThat(at(json, "calls.ddi_switches").get(0).get("to").asText()).isEqualTo("backup");
        assertThat(at(json, "calls.ddi_switches").get(0).get("t_s").asDouble()).isEqualTo(14.0);
        assertThat(at(json, "calls.ddi_switches").get(0).at("/inbound_after/answered_pct").asDouble()).isEqualTo(50.0);
        assertThat(at(json, "rtp.mos.p5").asDouble()).isEqualTo(3.0);
        assertThat(at(json, "rtp.loss_pct.p95").asDouble()).isEqualTo(5.0);
        assertThat(json.get("slo").get(0).get("name").asText()).isEqualTo("calls.answered_pct");
        assertThat(json.get("slo").get(0).get("value").asDouble()).isEqualTo(53.8);
    }

    @Test
    void rtpKeysAreNullWithoutMedia() throws IOException {
        List<JournalEvent> noMedia = CallJournal.events().stream()
                .map(e -> e instanceof JournalEvent.CallEnded c ? (JournalEvent) new JournalEvent.CallEnded(c.t(), c.h(),
                        c.pop(), c.dir(), c.outcome(), c.code(), c.cause(), c.setupMs(), c.pddMs(), c.talkMs(), c.sent(),
                        c.retransmits(), null, null, null) : e)
                .toList();
        JsonNode json = summary(noMedia);
        assertThat(at(json, "rtp.calls").asInt()).isZero();
        for (String key : List.of("rtp.loss_pct.p95", "rtp.jitter_ms.p95", "rtp.mos.p5", "rtp.mos.mean")) {
            assertThat(at(json, key).isNull()).as("%s is null, not 0", key).isTrue();
        }
    }

    @Test
    void aDrillWithoutCallsHasNoCallKeys() throws IOException {
        JsonNode json = summary(OutageJournal.events(true));
        assertThat(json.has("calls")).isFalse();
        assertThat(json.has("rtp")).isFalse();
        assertThat(json.has("failover")).isTrue();
    }
}
