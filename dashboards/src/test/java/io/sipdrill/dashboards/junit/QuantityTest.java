package io.sipdrill.dashboards.junit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QuantityTest {

    @Test
    void theUnitFollowsTheMetricsName() {
        assertThat(Quantity.unitOf("failover.t90_s")).isEqualTo("s");
        assertThat(Quantity.unitOf("register_latency_ms.p95")).isEqualTo("ms");
        assertThat(Quantity.unitOf("calls.by_phase.fault.setup_ms.p95")).isEqualTo("ms");
        assertThat(Quantity.unitOf("calls.answered_pct")).isEqualTo("%");
        assertThat(Quantity.unitOf("rtp.loss_pct.p95")).isEqualTo("%");
        assertThat(Quantity.unitOf("rtp.mos.p5")).isEmpty();
        assertThat(Quantity.unitOf("retransmission_amplification")).isEmpty();
    }

    @Test
    void valuesAndBoundsReadPlainly() {
        assertThat(Quantity.of(600.0, "s")).isEqualTo("600 s");
        assertThat(Quantity.of(2.143, "")).isEqualTo("2.143");
        assertThat(Quantity.bound(99.0, null, "%")).isEqualTo("≥ 99 %");
        assertThat(Quantity.bound(null, 600.0, "s")).isEqualTo("≤ 600 s");
        assertThat(Quantity.bound(80.0, 100.0, "%")).isEqualTo("80 % … 100 %");
        assertThat(Quantity.bound(null, null, "")).isEqualTo("any");
    }
}
