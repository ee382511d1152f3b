package io.sipdrill.load.rtp;

/**
 * The 160-byte payload every leg sends: a quiet 400 Hz tone (about −30 dBov), encoded once per
 * law. 400 Hz fits exactly eight periods into 20 ms, so the same payload repeats without a click
 * and a capture of any packet decodes to a real signal rather than digital silence.
 */
final class TonePayload {

    static final int FREQUENCY_HZ = 400;
    static final int AMPLITUDE = 1036; // 32767 · 10^(−30/20): −30 dB below a full-scale sine

    private static final byte[] PCMU = encode(G711.PCMU);
    private static final byte[] PCMA = encode(G711.PCMA);

    private TonePayload() {
    }

    /** The shared payload for {@code law}; callers must not change it. */
    static byte[] of(G711 law) {
        return law == G711.PCMU ? PCMU : PCMA;
    }

    private static byte[] encode(G711 law) {
        byte[] out = new byte[G711.SAMPLES_PER_PACKET];
        for (int i = 0; i < out.length; i++) {
            double phase = 2 * Math.PI * FREQUENCY_HZ * i / G711.CLOCK_RATE;
            out[i] = law.encode((int) Math.round(AMPLITUDE * Math.sin(phase)));
        }
        return out;
    }
}
