package io.sipdrill.chaos.drill;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallLoadPlanTest {

    @Test
    void theBuiltInDrillHoldsAnsweredCallsAndMos() {
        DrillPlan plan = DrillPlan.callLoad(200, 1);
        assertThat(plan.slo()).containsOnlyKeys("calls.answered_pct", "rtp.mos.p5");
        assertThat(plan.calls().rtp()).isTrue();
        assertThat(plan.calls().until().minus(plan.calls().from())).isEqualTo(Duration.ofSeconds(60));
        assertThat(plan.duration()).isEqualTo(Duration.ofSeconds(85));
    }

    @Test
    void withoutRtpDropsTheSlosItCouldNotMeasure() {
        DrillPlan plan = DrillPlan.callLoad(200, 1).withoutRtp();
        assertThat(plan.calls().rtp()).isFalse();
        assertThat(plan.slo()).as("MOS cannot be measured without media").containsOnlyKeys("calls.answered_pct");
        assertThat(plan.slo().get("calls.answered_pct").min()).isEqualTo(99.0);
    }

    @Test
    void aShorterCallWindowEndsTheDrillSoonerButLetsTheLastCallsFinish() {
        DrillPlan plan = DrillPlan.callLoad(50, 1, Duration.ofSeconds(15));
        assertThat(plan.calls().from()).isEqualTo(Duration.ofSeconds(10));
        assertThat(plan.calls().until()).isEqualTo(Duration.ofSeconds(25));
        assertThat(plan.duration()).isEqualTo(Duration.ofSeconds(40));
        assertThatThrownBy(() -> DrillPlan.callLoad(50, 1, Duration.ZERO)).hasMessageContaining("--calls-for");
    }
}
