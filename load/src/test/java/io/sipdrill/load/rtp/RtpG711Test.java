package io.sipdrill.load.rtp;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** μ-law and A-law against values from the G.711 tables. */
class RtpG711Test {

    @Test
    void muLawCodesFromTheSpec() {
        assertThat(G711.PCMU.encode(0) & 0xFF).as("silence").isEqualTo(0xFF);
        assertThat(G711.PCMU.encode(-1) & 0xFF).as("negative zero step").isEqualTo(0x7F);
        assertThat(G711.PCMU.encode(32767) & 0xFF).as("positive full scale").isEqualTo(0x80);
        assertThat(G711.PCMU.encode(-32768) & 0xFF).as("negative full scale").isEqualTo(0x00);
        // 1000 + bias 132 = 1132 = 0b100_0110_1100: segment 3, step (1132 >> 6) & 15 = 1, inverted
        assertThat(G711.PCMU.encode(1000) & 0xFF).isEqualTo(~0x31 & 0xFF);
        assertThat(G711.PCMU.decode((byte) 0xFF)).isZero();
        assertThat(G711.PCMU.decode((byte) 0x80)).isEqualTo(32124);
        assertThat(G711.PCMU.decode((byte) 0x00)).isEqualTo(-32124);
    }

    @Test
    void aLawCodesFromTheSpec() {
        assertThat(G711.PCMA.encode(0) & 0xFF).as("silence").isEqualTo(0xD5);
        assertThat(G711.PCMA.encode(-1) & 0xFF).as("negative zero step").isEqualTo(0x55);
        assertThat(G711.PCMA.encode(32767) & 0xFF).as("positive full scale").isEqualTo(0xAA);
        assertThat(G711.PCMA.encode(-32768) & 0xFF).as("negative full scale").isEqualTo(0x2A);
        // 1000 >> 4 = 62 = 0b11_1110: segment 2, step (62 >> 1) & 15 = 15 → 0x80|0x2F, even bits inverted
        assertThat(G711.PCMA.encode(1000) & 0xFF).isEqualTo((0xAF ^ 0x55));
        assertThat(G711.PCMA.decode((byte) 0xD5)).isEqualTo(8);
        assertThat(G711.PCMA.decode((byte) 0xAA)).isEqualTo(32256);
        assertThat(G711.PCMA.decode((byte) 0x2A)).isEqualTo(-32256);
    }

    @Test
    void everyCodeDecodesToAValueThatEncodesBackToIt() {
        for (G711 law : G711.values()) {
            for (int code = 0; code < 256; code++) {
                byte b = (byte) code;
                if (law == G711.PCMU && code == 0x7F) {
                    continue; // μ-law has two zeros (0xFF and 0x7F); both decode to 0, which encodes as 0xFF
                }
                assertThat(law.encode(law.decode(b))).as("%s code %02x", law, code).isEqualTo(b);
            }
        }
    }

    @Test
    void quantisationErrorIsAtMostHalfAStepOfTheSegment() {
        for (G711 law : G711.values()) {
            for (int sample = -32000; sample <= 32000; sample++) { // beyond ±32000 both laws clip
                int back = law.decode(law.encode(sample));
                // A segment starting at 2^k has steps of 2^(k-4): half a step is at most |x|/32, plus the
                // bias (μ-law) or the one's complement of negatives (A-law) near zero.
                assertThat(Math.abs(back - sample)).as("%s %d -> %d", law, sample, back)
                        .isLessThanOrEqualTo(Math.abs(sample) / 32 + 16);
            }
        }
    }

    @Test
    void theTonePayloadIsAQuietSignalNotSilence() {
        for (G711 law : G711.values()) {
            byte[] payload = TonePayload.of(law);
            assertThat(payload).hasSize(160);
            int peak = 0;
            for (byte b : payload) {
                peak = Math.max(peak, Math.abs(law.decode(b)));
            }
            assertThat(peak).as(law.name()).isBetween(900, 1200);
            assertThat(law.decode(payload[0])).as("sin(0)").isLessThanOrEqualTo(8);
        }
    }
}
