package io.sipdrill.chaos.toxic;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ResetPeerToxicTest {

    @Test
    void resetsTimeoutAfterTheFirstDataAndDiscardsIt() {
        ChainHarness h = new ChainHarness(Transport.TCP);
        h.add("reset_peer", Map.of("timeout", 200));
        h.advance(1000);
        assertThat(h.resets).as("the clock starts with data").isZero();
        h.send("x");
        h.advance(199);
        assertThat(h.resets).isZero();
        h.advance(1);
        assertThat(h.resets).isEqualTo(1);
        assertThat(h.delivered).isEmpty();
    }

    @Test
    void zeroResetsAtOnce() {
        ChainHarness h = new ChainHarness(Transport.TCP);
        h.add("reset_peer", Map.of());
        h.send("x");
        assertThat(h.resets).isEqualTo(1);
    }
}
