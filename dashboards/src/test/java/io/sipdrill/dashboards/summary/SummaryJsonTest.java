package io.sipdrill.dashboards.summary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sipdrill.dashboards.OutageJournal;
import io.sipdrill.dashboards.analysis.DrillAnalyzer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SummaryJsonTest {

    @TempDir
    Path dir;

    private JsonNode written(boolean allReturn) throws IOException {
        Path file = SummaryJson.write(DrillAnalyzer.analyze(OutageJournal.events(allReturn)), dir.resolve("out"));
        assertThat(file).isEqualTo(dir.resolve("out/summary.json"));
        return new ObjectMapper().readTree(file.toFile());
    }

    @Test
    void hasEveryRequiredKeyEvenWhenAValueWasNeverReached() throws IOException {
        JsonNode json = written(false);
        assertThat(json.has("handsets")).isTrue();
        for (String key : new String[] {"handsets", "time_scale", "reached_backup_pct", "returned_primary_pct",
                "stuck_on_backup", "retransmission_amplification", "slo_passed"}) {
            assertThat(json.has(key)).as(key).isTrue();
        }
        assertThat(json.get("failover").has("t50_s")).isTrue();
        assertThat(json.get("failover").has("t90_s")).isTrue();
        assertThat(json.get("failback").has("t50_s")).isTrue();
        assertThat(json.get("failback").has("t90_s")).as("present, as null").isTrue();
        assertThat(json.get("failback").get("t90_s").isNull()).isTrue();
        for (String p : new String[] {"p50", "p95", "p99"}) {
            assertThat(json.get("register_latency_ms").has(p)).as(p).isTrue();
        }
    }

    @Test
    void malformedCountsAppearOnlyWhenTheJournalHasThem() throws IOException {
        assertThat(written(false).has("malformed")).as("no malformed line: no key, as before").isFalse();

        java.util.List<io.sipdrill.load.journal.JournalEvent> events = new java.util.ArrayList<>(OutageJournal.events(false));
        events.add(events.size() - 1, new io.sipdrill.load.journal.JournalEvent.MalformedInput(1_000,
                java.util.Map.of("registrar", 1543L)));
        events.add(events.size() - 1, new io.sipdrill.load.journal.JournalEvent.MalformedInput(2_000,
                java.util.Map.of("handsets", 982L, "registrar", 1600L)));
        JsonNode json = new ObjectMapper().readTree(SummaryJson.render(DrillAnalyzer.analyze(events)));

        assertThat(json.get("malformed").get("registrar").asLong()).as("the last line's registrar count").isEqualTo(1600);
        assertThat(json.get("malformed").get("handsets").asLong()).as("handsets").isEqualTo(982);
        assertThat(json.get("malformed_total").asLong()).as("total").isEqualTo(2582);
    }

    @Test
    void aRunThatEndedIsCompletedAndACutJournalIsNot() throws IOException {
        JsonNode ended = written(false);
        assertThat(ended.get("completed").asBoolean()).as("completed").isTrue();
        assertThat(ended.get("cut_off").isNull()).as("cut_off of a run that ended").isTrue();

        var cut = OutageJournal.events(false).stream().filter(e -> e.t() <= 14_000).toList();
        JsonNode killed = new ObjectMapper().readTree(SummaryJson.write(DrillAnalyzer.analyze(cut), dir.resolve("cut")).toFile());
        assertThat(killed.get("completed").asBoolean()).as("completed, cut journal").isFalse();
        assertThat(killed.get("ended").isNull()).as("ended, cut journal").isTrue();
        assertThat(killed.get("cut_off").asText()).as("cut_off").startsWith("the run did not end").contains("ends at t=");
    }

    @Test
    void valuesMatchTheAnalysis() throws IOException {
        JsonNode json = written(false);
        assertThat(json.get("handsets").asInt()).isEqualTo(10);
        assertThat(json.get("time_scale").asDouble()).isEqualTo(60.0);
        assertThat(json.get("population").asInt()).isEqualTo(10);
        assertThat(json.get("t0_s").asDouble()).isEqualTo(600.0);
        assertThat(json.get("tR_s").asDouble()).isEqualTo(1200.0);
        assertThat(json.get("detection_s").asDouble()).isEqualTo(30.0);
        assertThat(json.get("failover").get("t50_s").asDouble()).isEqualTo(120.0);
        assertThat(json.get("failover").get("t90_s").asDouble()).isEqualTo(360.0);
        assertThat(json.get("failback").get("t50_s").asDouble()).isEqualTo(180.0);
        assertThat(json.get("reached_backup_pct").asDouble()).isEqualTo(90.0);
        assertThat(json.get("returned_primary_pct").asDouble()).isEqualTo(88.9);
        assertThat(json.get("stuck_on_backup").asInt()).isEqualTo(1);
        assertThat(json.get("stuck_on_backup_pct").asDouble()).isEqualTo(11.1);
        assertThat(json.get("dark_handset_seconds").asDouble()).isEqualTo(1110.0);
        assertThat(json.get("register_latency_ms").get("p95").asDouble()).isEqualTo(350.0);
        assertThat(json.get("retransmission_amplification").asDouble()).isEqualTo(2.143);
        assertThat(json.get("phases").get("fault").get("retransmission_amplification").asDouble()).isEqualTo(3.5);
        assertThat(json.get("phases").get("fault").get("register_latency_ms").get("p50").asDouble()).isEqualTo(250.0);
        assertThat(json.get("phases").get("recovery").get("transactions").asInt()).isEqualTo(6);
        assertThat(json.get("drill").asText()).isEqualTo("registrar-outage");
        assertThat(json.get("env").asText()).isEqualTo("embedded");
        assertThat(json.get("faults").get(0).get("name").asText()).isEqualTo("registrar-outage");
        assertThat(json.get("slo_passed").asBoolean()).isFalse();
    }

    @Test
    void failoverT100AndTimeoutsPerPhase() throws IOException {
        JsonNode json = written(false);
        assertThat(json.get("failover").get("t100_s").isNull()).as("h9 never failed over").isTrue();
        assertThat(json.get("timeouts").asInt()).isEqualTo(5);
        assertThat(json.get("phases").get("fault").get("timeouts").asInt()).isEqualTo(5);
        assertThat(json.get("phases").get("baseline").get("timeouts").asInt()).isZero();
    }

    @Test
    void steadyStateListsTheProbesAsCheckedAndIsEmptyWithoutAHypothesis() throws IOException {
        assertThat(written(false).get("steady_state")).isEmpty();
        java.util.List<io.sipdrill.load.journal.JournalEvent> events = new java.util.ArrayList<>(OutageJournal.events(false));
        events.add(new io.sipdrill.load.journal.JournalEvent.ProbeResult(9_000, "before", "registered-on primary",
                100.0, 95.0, null, true));
        events.add(new io.sipdrill.load.journal.JournalEvent.ProbeResult(29_000, "after", "inbound-call-success",
                null, 99.0, null, false));
        JsonNode probes = new ObjectMapper().readTree(SummaryJson.render(DrillAnalyzer.analyze(events))).get("steady_state");
        assertThat(probes).hasSize(2);
        assertThat(probes.get(0).get("when").asText()).isEqualTo("before");
        assertThat(probes.get(0).get("probe").asText()).isEqualTo("registered-on primary");
        assertThat(probes.get(0).get("value").asDouble()).isEqualTo(100.0);
        assertThat(probes.get(0).get("min").asDouble()).isEqualTo(95.0);
        assertThat(probes.get(0).get("ok").asBoolean()).isTrue();
        assertThat(probes.get(0).get("t_s").asDouble()).as("9 s × 60").isEqualTo(540.0);
        assertThat(probes.get(1).get("value").isNull()).as("not measured").isTrue();
        assertThat(probes.get(1).get("ok").asBoolean()).isFalse();
    }

    @Test
    void sloVerdictsCarryNameValueBoundAndPassed() throws IOException {
        JsonNode slo = written(false).get("slo");
        assertThat(slo).hasSize(4);
        JsonNode t90 = slo.get(1);
        assertThat(t90.get("name").asText()).isEqualTo("failback.t90_s");
        assertThat(t90.get("value").isNull()).isTrue();
        assertThat(t90.get("bound").get("max").asDouble()).isEqualTo(900.0);
        assertThat(t90.get("passed").asBoolean()).isFalse();
        assertThat(written(true).get("slo_passed").asBoolean()).isTrue();
    }
}
