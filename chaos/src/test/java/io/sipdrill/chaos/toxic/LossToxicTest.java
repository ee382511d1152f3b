package io.sipdrill.chaos.toxic;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LossToxicTest {

    @Test
    void dropsTheProbabilityShare() {
        ChainHarness h = new ChainHarness(Transport.UDP, 7);
        h.add("loss", Map.of("probability", 0.1));
        for (int i = 0; i < 10_000; i++) {
            h.send("d" + i);
        }
        assertThat(h.dropped.size()).isBetween(900, 1100);
        assertThat(h.delivered.size() + h.dropped.size()).isEqualTo(10_000);
    }

    @Test
    void defaultProbabilityDropsAll() {
        ChainHarness h = new ChainHarness(Transport.UDP);
        h.add("loss", Map.of());
        h.send("gone");
        assertThat(h.delivered).isEmpty();
    }

    @Test
    void isUdpOnly() {
        assertThat(LossToxic.TYPE.supports(Transport.TCP)).isFalse();
    }
}
