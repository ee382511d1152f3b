package io.sipdrill.chaos.toxic;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SlicerToxicTest {

    @Test
    void slicesIntoPiecesDelayMicrosecondsApart() {
        ChainHarness h = new ChainHarness(Transport.TCP);
        h.add("slicer", Map.of("average_size", 10, "size_variation", 3, "delay", 2000));
        String text = "0123456789".repeat(10);
        h.send(text);
        assertThat(h.texts()).hasSize(1);
        h.advance(1000);
        assertThat(h.joined()).isEqualTo(text);
        assertThat(h.texts()).allSatisfy(s -> assertThat(s.length()).isBetween(1, 13)).hasSizeGreaterThan(5);
        long span = h.delivered.get(h.delivered.size() - 1).atMillis() - h.delivered.get(0).atMillis();
        assertThat(span).isEqualTo(2L * (h.delivered.size() - 1));
    }

    @Test
    void isTcpOnly() {
        assertThat(SlicerToxic.TYPE.supports(Transport.UDP)).isFalse();
    }
}
