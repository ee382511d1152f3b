package io.sipdrill.chaos.drill;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ToxicTimesTest {

    @Test
    void durationsShrinkWithTheTimeScaleAndOtherAttributesStay() {
        Map<String, Object> scaled = ToxicTimes.scaled(
                Map.of("latency", 40_000L, "jitter", 5_000L, "rate", 100L, "probability", 0.1), 60);

        assertThat(scaled).containsEntry("latency", 667L).containsEntry("jitter", 83L)
                .containsEntry("rate", 100L).containsEntry("probability", 0.1);
    }

    @Test
    void aPositiveDurationNeverRoundsToZeroAndZeroStaysZero() {
        assertThat(ToxicTimes.scaled(Map.of("latency", 10L, "timeout", 0L), 3600))
                .containsEntry("latency", 1L).containsEntry("timeout", 0L);
    }
}
