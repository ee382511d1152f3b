package io.sipdrill.chaos.toxic;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SlowCloseToxicTest {

    @Test
    void dataPassesTheCloseWaits() {
        ChainHarness h = new ChainHarness(Transport.TCP);
        h.add("slow_close", Map.of("delay", 300));
        h.send("bye");
        h.sendEnd();
        assertThat(h.texts()).containsExactly("bye");
        assertThat(h.delivered).noneMatch(ChainHarness.Delivery::endOfStream);
        h.advance(300);
        assertThat(h.delivered).last().matches(ChainHarness.Delivery::endOfStream).extracting(ChainHarness.Delivery::atMillis).isEqualTo(300L);
    }

    @Test
    void isTcpOnly() {
        assertThat(SlowCloseToxic.TYPE.supports(Transport.UDP)).isFalse();
    }
}
