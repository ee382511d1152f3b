package io.sipdrill.dashboards.compare;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Two capacity.json fixtures compared: a registrar that now breaks earlier is a regression. */
class CapacityRunTest {

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(CapacityRunTest.class.getResource("/capacity/" + name + "/capacity.json").toURI()).getParent();
    }

    @Test
    void opensACapacityFolderAndItsFile() throws Exception {
        ComparableRun run = ComparableRuns.open(fixture("before"));
        assertThat(run).isInstanceOf(CapacityRun.class);
        assertThat(run.name()).isEqualTo("before");
        assertThat(run.description()).contains("capacity of register on local").contains("4200/s");
        Map<String, MetricValue> m = run.metrics().stream().collect(Collectors.toMap(v -> v.metric().key(), Function.identity()));
        assertThat(m.get("highest_sustainable_rate").value()).isEqualTo(4200);
        assertThat(m.get("highest_sustainable_rate").metric().direction()).isEqualTo(Direction.HIGHER_IS_BETTER);
        assertThat(m.get("at_highest.p95_ms").metric().direction()).isEqualTo(Direction.LOWER_IS_BETTER);
        assertThat(ComparableRuns.open(fixture("before").resolve("capacity.json"))).isInstanceOf(CapacityRun.class);
    }

    @Test
    void aLowerBreakingPointAndSlowerP95AreRegressions() throws Exception {
        RunComparison c = RunComparison.of(ComparableRuns.open(fixture("before")), ComparableRuns.open(fixture("after")), 10);

        assertThat(c.regressed()).isTrue();
        assertThat(c.regressions()).extracting(r -> r.metric().key())
                .as("rate -26%, p95 ×3, Kamailio CPU per op +25%; sipdrill's CPU +2.5% is within 10%")
                .contains("highest_sustainable_rate", "at_highest.p95_ms", "at_highest.target_cpu_us_per_op")
                .doesNotContain("at_highest.sipdrill_cpu_us_per_op", "slo.p95_ms", "first_breaking_rate");
        RunComparison back = RunComparison.of(ComparableRuns.open(fixture("after")), ComparableRuns.open(fixture("before")), 10);
        assertThat(back.regressed()).as("the other way round it is an improvement").isFalse();
    }

    @Test
    void aJsonFileThatIsNeitherSaysSo(@TempDir Path dir) throws Exception {
        Path other = Files.writeString(dir.resolve("capacity.json"), "{\"kind\":\"something-else\"}");
        assertThatThrownBy(() -> CapacityRun.read(other)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a sipdrill capacity.json");
    }
}
