package io.sipdrill.load.rtp;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RtpLossSeamTest {

    @Test
    void noLossNeverDropsAndFullLossAlwaysDoes() {
        LossSeam none = new LossSeam(0, new SplittableRandom(1));
        LossSeam all = new LossSeam(1, new SplittableRandom(1));
        for (int i = 0; i < 1000; i++) {
            assertThat(none.drop()).isFalse();
            assertThat(all.drop()).isTrue();
        }
        assertThat(all.dropped()).isEqualTo(1000);
    }

    @Test
    void aSeededSeamDropsExactlyTheSamePacketsEveryTime() {
        LossSeam a = new LossSeam(0.05, new SplittableRandom(42));
        LossSeam b = new LossSeam(0.05, new SplittableRandom(42));
        for (int i = 0; i < 100_000; i++) {
            assertThat(a.drop()).isEqualTo(b.drop());
        }
        assertThat(a.dropped()).isEqualTo(b.dropped()).isBetween(4_800L, 5_200L);
    }

    @Test
    void refusesShareOutsideZeroToOne() {
        assertThatThrownBy(() -> new LossSeam(1.5, new SplittableRandom())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LossSeam(Double.NaN, new SplittableRandom())).isInstanceOf(IllegalArgumentException.class);
    }
}
