package io.sipdrill.load.rtp;

/** G.711 (RFC 3551 static payload types 0 and 8): 8 kHz, 160 bytes per 20 ms packet. */
public enum G711 {
    PCMU(0), PCMA(8);

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

    public static java.util.Optional<G711> ofPayloadType(int pt) {
        for (G711 c : values()) {
            if (c.payloadType == pt) {
                return java.util.Optional.of(c);
            }
        }
        return java.util.Optional.empty();
    }
}
