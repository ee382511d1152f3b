package io.sipdrill.chaos.toxic;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LimitDataToxicTest {

    @Test
    void tcpCutsAtTheLimitAndCloses() {
        ChainHarness h = new ChainHarness(Transport.TCP);
        h.add("limit_data", Map.of("bytes", 5));
        h.send("abc");
        assertThat(h.closes).isZero();
        h.send("defgh");
        assertThat(h.joined()).isEqualTo("abcde");
        assertThat(h.closes).isEqualTo(1);
    }

    @Test
    void udpNeverCutsADatagram() {
        ChainHarness h = new ChainHarness(Transport.UDP);
        h.add("limit_data", Map.of("bytes", 5));
        h.send("abc");
        h.send("defg");
        assertThat(h.texts()).containsExactly("abc");
        assertThat(h.dropped).hasSize(1);
        assertThat(h.closes).isEqualTo(1);
    }
}
