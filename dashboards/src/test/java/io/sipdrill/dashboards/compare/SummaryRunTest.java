package io.sipdrill.dashboards.compare;

import io.sipdrill.dashboards.CallJournal;
import io.sipdrill.dashboards.OutageJournal;
import io.sipdrill.dashboards.analysis.DrillAnalyzer;
import io.sipdrill.dashboards.summary.SummaryJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SummaryRunTest {

    @TempDir
    Path dir;

    private Path outageRun(String name) {
        return SummaryJson.write(DrillAnalyzer.analyze(OutageJournal.events(false)), dir.resolve(name)).getParent();
    }

    private static Map<String, MetricValue> byKey(ComparableRun run) {
        return run.metrics().stream().collect(Collectors.toMap(m -> m.metric().key(), m -> m));
    }

    @Test
    void readsARunFolderNamedAfterTheFolder() {
        ComparableRun run = ComparableRuns.open(outageRun("20261202-050000-registrar-outage"));
        assertThat(run.name()).isEqualTo("20261202-050000-registrar-outage");
        assertThat(run.description()).isEqualTo("registrar-outage on embedded, 10 handsets, 60x");
        Map<String, MetricValue> m = byKey(run);
        assertThat(m.get("handsets").value()).isEqualTo(10.0);
        assertThat(m.get("failover.t50_s").value()).isEqualTo(120.0);
        assertThat(m.get("failover.t90_s").value()).isEqualTo(360.0);
        assertThat(m.get("failback.t90_s").value()).as("never reached").isNull();
        assertThat(m.get("failback.t90_s").metric().nullIsNever()).isTrue();
        assertThat(m.get("stuck_on_backup_pct").value()).isEqualTo(11.1);
        assertThat(m.get("register_latency_ms.p95").value()).isEqualTo(350.0);
        assertThat(m.get("phases.fault.retransmission_amplification").value()).isEqualTo(3.5);
    }

    @Test
    void countsThatGrowWithThePopulationArePerHandset() {
        Map<String, MetricValue> m = byKey(ComparableRuns.open(outageRun("run")));
        // 28 transactions (10 baseline, 12 fault, 6 recovery), 5 of them Timer F timeouts, 10 handsets.
        assertThat(m.get("transactions_per_handset").value()).isEqualTo(2.8);
        assertThat(m.get("phases.fault.transactions_per_handset").value()).isEqualTo(1.2);
        assertThat(m.get("timeouts_per_handset").value()).isEqualTo(0.5);
        assertThat(m.get("dark_handset_seconds_per_handset").value()).isEqualTo(111.0);
        // The fault phase: 42 messages (5 timeouts × 7 + 7 single sends) from 10 handsets over 10 real minutes.
        assertThat(m.get("phases.fault.requests_per_handset_minute").value()).isEqualTo(0.42);
        assertThat(m).doesNotContainKeys("phases.fault.transactions", "stuck_on_backup", "calls.attempted");
    }

    @Test
    void aSummaryFileItselfIsARunToo() {
        Path summary = outageRun("folder").resolve("summary.json");
        assertThat(ComparableRuns.open(summary).name()).isEqualTo("folder");
        assertThat(ComparableRuns.open(summary).source()).isEqualTo(summary);
    }

    @Test
    void aDrillWithoutAFaultHasNoFailoverMetrics() {
        Path run = SummaryJson.write(DrillAnalyzer.analyze(CallJournal.events(CallJournal.slos(), false)), dir.resolve("calls")).getParent();
        Map<String, MetricValue> m = byKey(ComparableRuns.open(run));
        assertThat(m).doesNotContainKeys("failover.t50_s", "failback.t90_s", "phases.fault.register_latency_ms.p95");
        assertThat(m).containsKeys("calls.answered_pct", "calls.setup_ms.p95", "rtp.mos.p5", "register_latency_ms.p95");
    }

    @Test
    void badInputNamesTheFile() throws IOException {
        Path broken = Files.createDirectories(dir.resolve("broken"));
        Files.writeString(broken.resolve("summary.json"), "{\"handsets\": 10,");
        assertThatThrownBy(() -> ComparableRuns.open(broken)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(broken.resolve("summary.json").toString()).hasMessageContaining("not valid JSON");

        Path other = Files.createDirectories(dir.resolve("other"));
        Files.writeString(other.resolve("summary.json"), "{\"tests\": 3}");
        assertThatThrownBy(() -> ComparableRuns.open(other)).hasMessageContaining("not a sipdrill summary.json");

        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> ComparableRuns.open(empty)).hasMessageContaining("holds no summary.json");
        assertThatThrownBy(() -> ComparableRuns.open(dir.resolve("nowhere"))).hasMessageContaining("does not exist");
    }
}
