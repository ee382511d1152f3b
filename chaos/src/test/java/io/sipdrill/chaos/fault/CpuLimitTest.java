package io.sipdrill.chaos.fault;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CpuLimitTest {

    @Test
    void aShareOfACoreIsThatShareOfTheDefaultPeriod() {
        CpuLimit limit = CpuLimit.of(0.05);

        assertThat(limit.periodMicros()).isEqualTo(100_000);
        assertThat(limit.quotaMicros()).isEqualTo(5_000);
        assertThat(limit.cpuMax()).isEqualTo("5000 100000");
        assertThat(limit.describe()).isEqualTo("5% (5000/100000 us)");
    }

    @Test
    void aShareTooSmallForTheKernelsOneMillisecondQuotaGetsALongerPeriodInstead() {
        CpuLimit half = CpuLimit.of(0.005);

        assertThat(half.quotaMicros()).as("quota").isEqualTo(1_000);
        assertThat(half.periodMicros()).as("period").isEqualTo(200_000);
        assertThat((double) half.quotaMicros() / half.periodMicros()).isEqualTo(0.005);
        assertThat(CpuLimit.of(CpuLimit.MIN_QUOTA).periodMicros()).isEqualTo(1_000_000);
    }

    @Test
    void aWholeCoreIsTheWholePeriod() {
        assertThat(CpuLimit.of(1.0).quotaMicros()).isEqualTo(100_000);
    }

    @Test
    void sharesOutsideWhatCfsCanEnforceAreRefusedInOneLine() {
        assertThatThrownBy(() -> CpuLimit.of(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cpu quota must be between 0.1% and 100% of a core, got 0.0%");
        assertThatThrownBy(() -> CpuLimit.of(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CpuLimit.of(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
