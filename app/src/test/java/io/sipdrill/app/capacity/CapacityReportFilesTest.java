package io.sipdrill.app.capacity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sipdrill.app.bench.StepMeasurement;
import io.sipdrill.dashboards.compare.CapacityRun;
import io.sipdrill.dashboards.compare.ComparableRuns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** capacity.json and capacity.html from a known result; the json opens as a comparable run. */
class CapacityReportFilesTest {

    @Test
    void writesJsonThatCompareOpensAndASelfContainedHtml(@TempDir Path dir) throws Exception {
        SearchPlan plan = SearchPlan.of(500, new RateStep.Factor(1.5), 5000, Slo.DEFAULT);
        StepMeasurement ok = new StepMeasurement(500, 10_000, 499, 0, 1.5, 4, 7, 2, 40, 3, 60);
        StepMeasurement bad = new StepMeasurement(750, 15_000, 600, 12, 80, 400, 900, 3, 45, Double.NaN, Double.NaN);
        CapacityResult result = new CapacityResult(CapacityResult.Outcome.BROKE, java.util.Optional.of(500.0),
                java.util.Optional.of(750.0), true, List.of(new CapacityStep(1, CapacityStep.Phase.CLIMB, ok, List.of()),
                new CapacityStep(2, CapacityStep.Phase.CLIMB, bad, List.of("failures", "p95", "rate")),
                new CapacityStep(3, CapacityStep.Phase.CONFIRM, ok, List.of())));
        CapacityReportHeader header = new CapacityReportHeader("local", "register", Instant.parse("2026-12-02T06:30:00Z"), 20, plan);

        Path json = CapacityJson.write(dir, header, result);
        Path html = CapacityHtml.write(dir, header, result);

        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertThat(root.path("highest_sustainable_rate").asDouble()).isEqualTo(500);
        assertThat(root.path("steps")).hasSize(3);
        assertThat(root.path("steps").get(1).path("target_cpu_us_per_op").isNull()).as("NaN is written as null").isTrue();
        assertThat(ComparableRuns.open(dir)).isInstanceOf(CapacityRun.class);
        assertThat(ComparableRuns.open(dir).description()).contains("register on local").contains("500/s");
        String page = Files.readString(html);
        assertThat(page).contains("<svg").contains("highest sustainable rate 500/s").contains("failures, p95, rate")
                .as("self-contained").doesNotContain("<script", "<link", "src=")
                .contains("xmlns=\"http://www.w3.org/2000/svg\"");
    }
}
