package io.sipdrill.chaos.toxic;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LatencyToxicTest {

    @Test
    void delaysEachChunkByTheLatency() {
        ChainHarness h = new ChainHarness(Transport.UDP);
        h.add("latency", Map.of("latency", 200));
        h.send("a");
        h.advance(50);
        h.send("b");
        h.advance(149);
        assertThat(h.delivered).isEmpty();
        h.advance(1);
        assertThat(h.delivered).extracting(ChainHarness.Delivery::atMillis).containsExactly(200L);
        h.advance(50);
        assertThat(h.delivered).extracting(ChainHarness.Delivery::atMillis).containsExactly(200L, 250L);
    }

    @Test
    void jitterStaysInRangeAndNeverReorders() {
        ChainHarness h = new ChainHarness(Transport.TCP);
        h.add("latency", Map.of("latency", 100, "jitter", 50));
        for (int i = 0; i < 200; i++) {
            h.send(String.format("%03d", i));
            h.advance(1);
        }
        h.advance(1000);
        assertThat(h.texts()).hasSize(200).isSorted();
        for (int i = 1; i < h.delivered.size(); i++) {
            assertThat(h.delivered.get(i).atMillis()).isGreaterThanOrEqualTo(h.delivered.get(i - 1).atMillis());
        }
        assertThat(h.delivered.get(0).atMillis()).isBetween(50L, 150L);
    }

    @Test
    void removedMidFlightItDeliversWhatItHoldsAtOnce() {
        ChainHarness h = new ChainHarness(Transport.UDP);
        ToxicSpec lat = h.add("latency", Map.of("latency", 1000));
        h.send("held-1");
        h.send("held-2");
        h.advance(10);
        h.remove(lat);
        assertThat(h.texts()).containsExactly("held-1", "held-2");
        assertThat(h.delivered).extracting(ChainHarness.Delivery::atMillis).containsOnly(10L);
        h.send("after");
        h.advance(2000);
        assertThat(h.texts()).containsExactly("held-1", "held-2", "after");
    }
}
