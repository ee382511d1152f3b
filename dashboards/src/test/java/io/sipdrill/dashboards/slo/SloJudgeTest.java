package io.sipdrill.dashboards.slo;

import io.sipdrill.load.journal.JournalEvent.Slo;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SloJudgeTest {

    private final Map<String, Double> metrics = new HashMap<>();

    {
        metrics.put("failover.t50_s", 120.0);
        metrics.put("failover.t90_s", null);
        metrics.put("reached_backup_pct", 90.0);
    }

    private List<SloVerdict> judge(String name, Slo bound) {
        Map<String, Slo> slos = new LinkedHashMap<>();
        slos.put(name, bound);
        return SloJudge.judge(slos, metrics);
    }

    @Test
    void maxAndMinBoundsAreInclusive() {
        assertThat(judge("failover.t50_s", new Slo(null, 120.0)).get(0).passed()).isTrue();
        assertThat(judge("failover.t50_s", new Slo(null, 119.9)).get(0).passed()).isFalse();
        assertThat(judge("reached_backup_pct", new Slo(90.0, null)).get(0).passed()).isTrue();
        assertThat(judge("reached_backup_pct", new Slo(90.1, null)).get(0).passed()).isFalse();
        assertThat(judge("reached_backup_pct", new Slo(80.0, 95.0)).get(0).passed()).isTrue();
    }

    @Test
    void aMetricNeverReachedFailsItsBound() {
        SloVerdict v = judge("failover.t90_s", new Slo(null, 600.0)).get(0);
        assertThat(v.passed()).isFalse();
        assertThat(v.value()).isNull();
        assertThat(v.note()).isEqualTo("not reached");
    }

    @Test
    void anUnknownMetricFailsRatherThanPassingSilently() {
        SloVerdict v = judge("failover.t59_s", new Slo(null, 600.0)).get(0);
        assertThat(v.passed()).isFalse();
        assertThat(v.note()).isEqualTo("unknown metric");
    }

    @Test
    void allPassedNeedsEveryVerdict() {
        Map<String, Slo> slos = new LinkedHashMap<>();
        slos.put("failover.t50_s", new Slo(null, 300.0));
        slos.put("failover.t90_s", new Slo(null, 600.0));
        List<SloVerdict> verdicts = SloJudge.judge(slos, metrics);
        assertThat(verdicts).extracting(SloVerdict::name).containsExactly("failover.t50_s", "failover.t90_s");
        assertThat(SloJudge.allPassed(verdicts)).isFalse();
        assertThat(SloJudge.allPassed(List.of())).isTrue();
        assertThat(SloJudge.judge(null, metrics)).isEmpty();
    }

    @Test
    void boundsReadPlainly() {
        assertThat(judge("failover.t50_s", new Slo(null, 600.0)).get(0).boundText()).isEqualTo("≤ 600");
        assertThat(judge("failover.t50_s", new Slo(99.9, null)).get(0).boundText()).isEqualTo("≥ 99.9");
        assertThat(judge("failover.t50_s", new Slo(80.0, 100.0)).get(0).boundText()).isEqualTo("80 … 100");
    }
}
