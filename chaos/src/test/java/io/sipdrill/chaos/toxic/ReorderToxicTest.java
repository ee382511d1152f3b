package io.sipdrill.chaos.toxic;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReorderToxicTest {

    @Test
    void holdsADatagramUntilTheNextOnePasses() {
        ChainHarness h = new ChainHarness(Transport.UDP);
        h.add("reorder", Map.of("gap", 1));
        h.send("1");
        h.send("2");
        h.send("3");
        h.send("4");
        assertThat(h.texts()).containsExactly("2", "1", "4", "3");
    }

    @Test
    void theLastOfABurstLeavesAfterDelay() {
        ChainHarness h = new ChainHarness(Transport.UDP);
        h.add("reorder", Map.of("delay", 40));
        h.send("only");
        h.advance(39);
        assertThat(h.delivered).isEmpty();
        h.advance(1);
        assertThat(h.texts()).containsExactly("only");
    }

    @Test
    void removedItSendsWhatItHolds() {
        ChainHarness h = new ChainHarness(Transport.UDP);
        ToxicSpec t = h.add("reorder", Map.of());
        h.send("held");
        h.remove(t);
        assertThat(h.texts()).containsExactly("held");
    }
}
