package io.sipdrill.chaos.toxic;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DuplicateToxicTest {

    @Test
    void sendsExtraCopies() {
        ChainHarness h = new ChainHarness(Transport.UDP);
        h.add("duplicate", Map.of("copies", 2));
        h.send("INVITE");
        assertThat(h.texts()).containsExactly("INVITE", "INVITE", "INVITE");
    }

    @Test
    void probabilityZeroSendsOnce() {
        ChainHarness h = new ChainHarness(Transport.UDP);
        h.add("duplicate", Map.of("probability", 0));
        h.send("x");
        assertThat(h.texts()).containsExactly("x");
    }
}
