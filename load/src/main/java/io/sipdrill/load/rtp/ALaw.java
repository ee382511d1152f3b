package io.sipdrill.load.rtp;

/**
 * G.711 A-law (PCMA) companding of 16-bit linear samples, written from the G.711 segment table:
 * the 12-bit magnitude is coded as a 3-bit segment and a 4-bit step (segments 0 and 1 share the
 * same step size, which is A-law's linear region near zero), the sign bit is 1 for positive, and
 * the even bits are inverted (XOR 0x55) on the line. Silence is 0xD5.
 */
final class ALaw {

    private ALaw() {
    }

    static byte encode(int sample) {
        int sign = sample >= 0 ? 0x80 : 0x00;
        // G.711 works on 13-bit samples in one's complement, so -1 and 0 share the lowest step.
        int magnitude = (sample >= 0 ? sample : ~sample) >> 4; // 16-bit to G.711's 12-bit magnitude
        int code;
        if (magnitude < 16) {
            code = magnitude; // segment 0: the linear region, step 2 in 13-bit units
        } else {
            int segment = 31 - Integer.numberOfLeadingZeros(magnitude) - 3; // 1..7
            code = segment << 4 | (magnitude >> (segment - 1)) & 0x0F;
        }
        return (byte) ((sign | code) ^ 0x55);
    }

    static int decode(byte line) {
        int c = (line ^ 0x55) & 0xFF;
        int segment = (c >> 4) & 0x07;
        int step = c & 0x0F;
        // The decision value in the middle of the step, in 16-bit units.
        int magnitude = segment == 0 ? (step << 4) + 8 : ((step << 4) + 0x108) << (segment - 1);
        return (c & 0x80) != 0 ? magnitude : -magnitude;
    }
}
