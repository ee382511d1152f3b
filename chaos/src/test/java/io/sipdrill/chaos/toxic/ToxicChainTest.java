package io.sipdrill.chaos.toxic;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ToxicChainTest {

    @Test
    void udpToxicityRollsPerDatagram() {
        ChainHarness h = new ChainHarness(Transport.UDP, 3);
        h.add("loss", 0.5, Map.of());
        for (int i = 0; i < 2000; i++) {
            h.send("d");
        }
        assertThat(h.dropped.size()).isBetween(900, 1100);
    }

    @Test
    void tcpToxicityRollsOncePerConnection() {
        int slowed = 0;
        for (long seed = 0; seed < 200; seed++) {
            ChainHarness h = new ChainHarness(Transport.TCP, seed);
            h.add("latency", 0.5, Map.of("latency", 100));
            h.send("a");
            h.send("b");
            if (h.delivered.isEmpty()) {
                slowed++;
            } else {
                assertThat(h.texts()).as("all or nothing per connection").containsExactly("a", "b");
            }
        }
        assertThat(slowed).isBetween(70, 130);
    }

    @Test
    void toxicityZeroNeverApplies() {
        ChainHarness h = new ChainHarness(Transport.UDP);
        h.add("loss", 0.0, Map.of());
        h.send("x");
        assertThat(h.texts()).containsExactly("x");
    }

    @Test
    void aReplacedToxicHandsItsDataToItsReplacement() {
        ChainHarness h = new ChainHarness(Transport.TCP);
        ToxicSpec first = h.add("timeout", Map.of());
        h.send("held");
        ToxicSpec later = h.add("latency", Map.of("latency", 100));
        h.remove(first);
        assertThat(h.delivered).isEmpty();
        h.advance(100);
        assertThat(h.texts()).as("flushed into the toxic after it").containsExactly("held");
        h.remove(later);
    }

    @Test
    void registryKnowsEveryTypeAndValidatesAttributes() {
        assertThat(ToxicRegistry.standard().types()).extracting(ToxicType::name).containsExactly(
                "latency", "bandwidth", "slow_close", "timeout", "reset_peer", "limit_data", "slicer",
                "loss", "duplicate", "reorder");
        ToxicType latency = ToxicRegistry.standard().type("latency").orElseThrow();
        assertThat(latency.defaults().asMap()).containsEntry("latency", 0L).containsEntry("jitter", 0L);
        assertThatThrownBy(() -> latency.attributes(Map.of("latency", "slow"), null))
                .hasMessage("attribute latency must be a number, not \"slow\"");
        assertThatThrownBy(() -> latency.attributes(Map.of("latency", -1), null)).hasMessageContaining("≥ 0");
        assertThatThrownBy(() -> LossToxic.TYPE.attributes(Map.of("probability", 1.5), null)).hasMessageContaining("between 0 and 1");
    }

    @Test
    void disposedChainDeliversNothingAndCancelsTimers() {
        ChainHarness h = new ChainHarness(Transport.UDP);
        h.add("latency", Map.of("latency", 100));
        h.send("x");
        h.chain.dispose();
        h.advance(200);
        assertThat(h.delivered).isEmpty();
    }
}
