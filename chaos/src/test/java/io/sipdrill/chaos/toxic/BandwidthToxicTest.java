package io.sipdrill.chaos.toxic;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BandwidthToxicTest {

    @Test
    void passesBytesAtTheRate() {
        ChainHarness h = new ChainHarness(Transport.UDP);
        h.add("bandwidth", Map.of("rate", 1)); // 1 KB/s = 1 byte per ms
        h.send("x".repeat(100));
        h.send("y".repeat(100));
        h.advance(99);
        assertThat(h.delivered).isEmpty();
        h.advance(1);
        assertThat(h.delivered).extracting(ChainHarness.Delivery::atMillis).containsExactly(100L);
        h.advance(100);
        assertThat(h.delivered).extracting(ChainHarness.Delivery::atMillis).containsExactly(100L, 200L);
    }

    @Test
    void splitsLargeStreamChunksInto100msPieces() {
        ChainHarness h = new ChainHarness(Transport.TCP);
        h.add("bandwidth", Map.of("rate", 1));
        h.send("z".repeat(250));
        h.advance(1000);
        assertThat(h.texts()).extracting(String::length).containsExactly(100, 100, 50);
        assertThat(h.delivered).extracting(ChainHarness.Delivery::atMillis).containsExactly(100L, 200L, 250L);
    }

    @Test
    void rateZeroIsUnlimited() {
        ChainHarness h = new ChainHarness(Transport.TCP);
        h.add("bandwidth", Map.of("rate", 0));
        h.send("now");
        assertThat(h.texts()).containsExactly("now");
    }
}
