package io.sipdrill.load.rtp;

/**
 * G.711 μ-law (PCMU) companding of 16-bit linear samples, written from the G.711 segment table:
 * the magnitude plus a bias of 33 (scaled to 132 for 16-bit input) falls into one of eight
 * segments, each coded as a 3-bit segment number and a 4-bit step, and the code word is
 * transmitted inverted (so silence is 0xFF, which keeps ones-density high on old T1 lines).
 */
final class MuLaw {

    private static final int BIAS = 0x84;   // 33 in G.711's 14-bit scale, shifted to 16 bits
    private static final int CLIP = 32635;  // largest magnitude that still fits after the bias

    private MuLaw() {
    }

    static byte encode(int sample) {
        int sign = sample < 0 ? 0x80 : 0x00;
        int magnitude = Math.min(Math.abs(sample), CLIP) + BIAS;
        // The biased magnitude is in [0x84, 0x7FFF]: its highest bit (7..14) picks the segment.
        int segment = 31 - Integer.numberOfLeadingZeros(magnitude) - 7;
        int step = (magnitude >> (segment + 3)) & 0x0F;
        return (byte) ~(sign | segment << 4 | step);
    }

    static int decode(byte code) {
        int c = ~code & 0xFF;
        int segment = (c >> 4) & 0x07;
        int step = c & 0x0F;
        int magnitude = ((step << 3) + BIAS << segment) - BIAS;
        return (c & 0x80) != 0 ? -magnitude : magnitude;
    }
}
