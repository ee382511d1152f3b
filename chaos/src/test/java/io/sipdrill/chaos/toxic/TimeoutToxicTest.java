package io.sipdrill.chaos.toxic;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TimeoutToxicTest {

    @Test
    void tcpHoldsDataAndClosesAfterTheTimeout() {
        ChainHarness h = new ChainHarness(Transport.TCP);
        h.add("timeout", Map.of("timeout", 500));
        h.send("stuck");
        h.advance(499);
        assertThat(h.delivered).isEmpty();
        assertThat(h.closes).isZero();
        h.advance(1);
        assertThat(h.closes).isEqualTo(1);
    }

    @Test
    void zeroNeverClosesAndRemovalDeliversWhatWasHeld() {
        ChainHarness h = new ChainHarness(Transport.TCP);
        ToxicSpec t = h.add("timeout", Map.of("timeout", 0));
        h.send("a");
        h.send("b");
        h.advance(3_600_000);
        assertThat(h.closes).isZero();
        assertThat(h.delivered).isEmpty();
        h.remove(t);
        assertThat(h.texts()).containsExactly("a", "b");
        assertThat(h.closes).as("removed before its timer: no close").isZero();
    }

    @Test
    void udpIsABlackHoleThatEndsTheSession() {
        ChainHarness h = new ChainHarness(Transport.UDP);
        h.add("timeout", Map.of("timeout", 1000));
        h.send("REGISTER");
        h.advance(1000);
        assertThat(h.delivered).isEmpty();
        assertThat(h.dropped).hasSize(1);
        assertThat(h.closes).isEqualTo(1);
    }
}
