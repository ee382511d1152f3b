package io.sipdrill.dashboards.compare;

import org.junit.jupiter.api.Test;

import static io.sipdrill.dashboards.compare.FixedRun.ANSWERED;
import static io.sipdrill.dashboards.compare.FixedRun.HANDSETS;
import static io.sipdrill.dashboards.compare.FixedRun.MOS;
import static io.sipdrill.dashboards.compare.FixedRun.P95;
import static io.sipdrill.dashboards.compare.FixedRun.STUCK;
import static io.sipdrill.dashboards.compare.FixedRun.T90;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunComparisonTest {

    private static MetricChange only(RunComparison c, Metric m) {
        return c.changes().stream().filter(x -> x.metric().key().equals(m.key())).findFirst().orElseThrow();
    }

    private static MetricChange change(Metric m, Number a, Number b, double threshold) {
        return only(RunComparison.of(FixedRun.of("a", m, a), FixedRun.of("b", m, b), threshold), m);
    }

    @Test
    void lowerIsBetterMetricsGetWorseWhenTheyRise() {
        assertThat(change(P95, 100, 150, 10).verdict()).isEqualTo(Verdict.REGRESSED);
        assertThat(change(P95, 100, 150, 10).changePct()).isEqualTo(50.0);
        assertThat(change(P95, 150, 100, 10).verdict()).isEqualTo(Verdict.BETTER);
    }

    @Test
    void higherIsBetterMetricsGetWorseWhenTheyFall() {
        assertThat(change(MOS, 4.0, 3.0, 10).verdict()).as("-25%").isEqualTo(Verdict.REGRESSED);
        assertThat(change(MOS, 3.0, 4.0, 10).verdict()).isEqualTo(Verdict.BETTER);
        assertThat(change(ANSWERED, 100, 97.8, 10).verdict()).as("-2.2%, inside 10%").isEqualTo(Verdict.WORSE);
    }

    @Test
    void theThresholdIsRelativeAndAChangeMustExceedIt() {
        assertThat(change(P95, 100, 109, 10).verdict()).isEqualTo(Verdict.WORSE);
        assertThat(change(P95, 100, 110, 10).verdict()).as("exactly 10% is not more than 10%").isEqualTo(Verdict.WORSE);
        assertThat(change(P95, 100, 111, 10).verdict()).isEqualTo(Verdict.REGRESSED);
        assertThat(change(P95, 100, 101, 0).verdict()).as("threshold 0: any worsening").isEqualTo(Verdict.REGRESSED);
        assertThat(change(P95, 100, 100, 0).verdict()).isEqualTo(Verdict.SAME);
        assertThat(change(P95, 100, 150, 60).verdict()).isEqualTo(Verdict.WORSE);
    }

    @Test
    void worseningFromZeroIsBeyondAnyThreshold() {
        MetricChange stuck = change(STUCK, 0, 2, 1000);
        assertThat(stuck.verdict()).isEqualTo(Verdict.REGRESSED);
        assertThat(stuck.changePct()).isNull();
        assertThat(CompareFormat.change(stuck)).isEqualTo("from 0");
        assertThat(change(STUCK, 2, 0, 10).verdict()).isEqualTo(Verdict.BETTER);
    }

    @Test
    void aMilestoneNeverReachedInBIsARegressionAndInAnImprovement() {
        MetricChange never = change(T90, 360, null, 10);
        assertThat(never.verdict()).isEqualTo(Verdict.REGRESSED);
        assertThat(CompareFormat.value(never, false)).isEqualTo("never");
        assertThat(CompareFormat.change(never)).isEqualTo("never");
        assertThat(change(T90, null, 360, 10).verdict()).isEqualTo(Verdict.BETTER);
        assertThat(change(T90, null, null, 10).verdict()).as("never in both").isEqualTo(Verdict.SAME);
    }

    @Test
    void aValueNotMeasuredInOneRunIsListedNotJudged() {
        assertThat(change(MOS, 4.2, null, 10).verdict()).isEqualTo(Verdict.ONLY_IN_A);
        assertThat(change(MOS, null, 4.2, 10).verdict()).isEqualTo(Verdict.ONLY_IN_B);
        assertThat(change(MOS, null, null, 10).verdict()).isEqualTo(Verdict.NOT_MEASURED);
    }

    @Test
    void metricsOnlyOneRunHasAreListedAsSuchAndNeverRegress() {
        RunComparison c = RunComparison.of(FixedRun.of("a", P95, 100, MOS, 4.3),
                FixedRun.of("b", P95, 100, ANSWERED, 50), 10);
        assertThat(c.changes()).extracting(m -> m.metric().key())
                .as("A's order, then B's extras").containsExactly(P95.key(), MOS.key(), ANSWERED.key());
        assertThat(only(c, MOS).verdict()).isEqualTo(Verdict.ONLY_IN_A);
        assertThat(only(c, MOS).inB()).isFalse();
        assertThat(only(c, ANSWERED).verdict()).isEqualTo(Verdict.ONLY_IN_B);
        assertThat(CompareFormat.value(only(c, ANSWERED), true)).isEqualTo("—");
        assertThat(c.regressed()).isFalse();
    }

    @Test
    void contextMetricsDifferButNeverRegress() {
        MetricChange handsets = change(HANDSETS, 500, 200, 10);
        assertThat(handsets.verdict()).isEqualTo(Verdict.DIFFERS);
        assertThat(handsets.regressed()).isFalse();
    }

    @Test
    void regressionsAreTheMetricsWorseBeyondTheThreshold() {
        RunComparison c = RunComparison.of(FixedRun.of("a", T90, 360, P95, 100, MOS, 4.3),
                FixedRun.of("b", T90, 600, P95, 105, MOS, 4.4), 10);
        assertThat(c.regressions()).extracting(m -> m.metric().key()).containsExactly(T90.key());
        assertThat(CompareTable.verdictLine(c))
                .isEqualTo("1 metric regressed beyond 10%: failover T90 (s) 360 → 600 (+66.7%)");
        RunComparison swapped = RunComparison.of(c.b(), c.a(), 10);
        assertThat(swapped.regressed()).isFalse();
        assertThat(CompareTable.verdictLine(swapped)).isEqualTo("no metric regressed beyond 10%");
    }

    @Test
    void aNegativeOrNonNumericThresholdIsRefused() {
        FixedRun a = FixedRun.of("a", P95, 1);
        assertThatThrownBy(() -> RunComparison.of(a, a, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("threshold");
        assertThatThrownBy(() -> RunComparison.of(a, a, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
