package io.sipdrill.dashboards.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sipdrill.dashboards.OutageJournal;
import io.sipdrill.dashboards.analysis.DrillAnalyzer;
import io.sipdrill.dashboards.summary.SummaryJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The outage run where h8 stays on the backup (A) against the one where everyone returns (B). */
class CompareReportTest {

    @TempDir
    Path dir;

    private CompareResult compare(boolean baselineAllReturn, boolean candidateAllReturn) {
        Path a = SummaryJson.write(DrillAnalyzer.analyze(OutageJournal.events(baselineAllReturn)), dir.resolve("a")).getParent();
        Path b = SummaryJson.write(DrillAnalyzer.analyze(OutageJournal.events(candidateAllReturn)), dir.resolve("b")).getParent();
        return CompareReport.write(a, b, 10, dir.resolve("out"));
    }

    @Test
    void aCandidateThatBringsEveryoneBackIsBetterAndNotARegression() {
        RunComparison c = compare(false, true).comparison();
        assertThat(c.regressed()).isFalse();
        MetricChange t90 = c.changes().stream().filter(m -> m.metric().key().equals("failback.t90_s")).findFirst().orElseThrow();
        assertThat(t90.verdict()).isEqualTo(Verdict.BETTER);
        assertThat(CompareFormat.change(t90)).isEqualTo("reached");
    }

    @Test
    void theReverseRegressesOnFailbackAndStuckHandsets() {
        RunComparison c = compare(true, false).comparison();
        assertThat(c.regressions()).extracting(m -> m.metric().key())
                .contains("failback.t90_s", "failback.t100_s", "stuck_on_backup_pct", "returned_primary_pct");
        assertThat(c.regressions()).extracting(m -> m.metric().key()).doesNotContain("failover.t50_s", "handsets");
    }

    @Test
    void writesCompareJsonWithEveryMetricsVerdict() throws IOException {
        CompareResult r = compare(true, false);
        assertThat(r.compareJson()).isEqualTo(dir.resolve("out/compare.json"));
        JsonNode json = new ObjectMapper().readTree(r.compareJson().toFile());
        assertThat(json.get("a").get("name").asText()).isEqualTo("a");
        assertThat(json.get("threshold_pct").asDouble()).isEqualTo(10.0);
        assertThat(json.get("regressed").asBoolean()).isTrue();
        assertThat(json.get("regressions").toString()).contains("stuck_on_backup_pct");
        JsonNode stuck = null;
        for (JsonNode m : json.get("metrics")) {
            if (m.get("key").asText().equals("stuck_on_backup_pct")) {
                stuck = m;
            }
        }
        assertThat(stuck).isNotNull();
        assertThat(stuck.get("direction").asText()).isEqualTo("lower_is_better");
        assertThat(stuck.get("a").asDouble()).isEqualTo(0.0);
        assertThat(stuck.get("b").asDouble()).isEqualTo(11.1);
        assertThat(stuck.get("change_pct").isNull()).as("from 0").isTrue();
        assertThat(stuck.get("verdict").asText()).isEqualTo("regressed");
    }

    @Test
    void compareHtmlIsOnePageWithTheTableAndAChart() throws IOException {
        String html = Files.readString(compare(true, false).compareHtml());
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<table>").contains("<svg")
                .contains("stuck on backup (%)").contains("class=\"regressed\"").contains("REGRESSED");
        assertThat(html.replace("http://www.w3.org/2000/svg", "")).as("self-contained").doesNotContain("http")
                .doesNotContain("<script");
    }

    @Test
    void theTableHasOneLinePerMetric() {
        String table = CompareTable.render(compare(true, false).comparison());
        assertThat(table).contains("A (baseline):  a: registrar-outage on embedded, 10 handsets, 60x");
        assertThat(table.lines().filter(l -> l.startsWith("stuck on backup (%)")).findFirst().orElseThrow())
                .contains("0").contains("11.1").contains("from 0").contains("REGRESSED");
        assertThat(table.lines().filter(l -> l.startsWith("handsets ")).findFirst().orElseThrow()).endsWith("same");
        assertThat(table.lines().toList().get(2)).startsWith("metric ").endsWith("verdict");
        assertThat(table.lines().count()).isEqualTo(3 + compare(true, false).comparison().changes().size());
    }

    @Test
    void theDefaultFolderNamesBothRuns() {
        RunComparison c = compare(true, false).comparison();
        assertThat(CompareReport.defaultFolder(c)).isEqualTo(Path.of("target", "sipdrill-compare", "compare-a-vs-b"));
    }
}
