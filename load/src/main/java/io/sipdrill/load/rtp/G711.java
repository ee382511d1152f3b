package io.sipdrill.load.rtp;

/** G.711 (RFC 3551 static payload types 0 and 8): 8 kHz, 160 bytes per 20 ms packet. */
public enum G711 {
    PCMU(0), PCMA(8);

    /** Samples per second, which is also the RTP timestamp clock rate (RFC 3551). */
    public static final int CLOCK_RATE = 8000;
    /** Samples (and bytes) in one 20 ms packet. */
    public static final int SAMPLES_PER_PACKET = 160;

    private final int payloadType;

    G711(int payloadType) {
        this.payloadType = payloadType;
    }

    public int payloadType() {
        return payloadType;
    }

    public String encodingName() {
        return name();
    }

    /** One 16-bit linear sample as this law's code byte. */
    public byte encode(int sample) {
        return this == PCMU ? MuLaw.encode(sample) : ALaw.encode(sample);
    }

    /** A code byte back to the 16-bit linear value at the middle of its step. */
    public int decode(byte code) {
        return this == PCMU ? MuLaw.decode(code) : ALaw.decode(code);
    }

    public static java.util.Optional<G711> ofPayloadType(int pt) {
        for (G711 c : values()) {
            if (c.payloadType == pt) {
                return java.util.Optional.of(c);
            }
        }
        return java.util.Optional.empty();
    }
}
