package io.sipdrill.chaos.toxic;

/**
 * {@code duplicate} (UDP): with {@code probability} (0 to 1, default 1) a datagram is sent
 * {@code copies} extra times (default 1), back to back, as a retransmitting or looping network
 * would. The API refuses it on a TCP route.
 */
public final class DuplicateToxic implements Toxic {

    public static final ToxicType TYPE = ToxicType.udpOnly("duplicate", DuplicateToxic::new,
            Attribute.probability("probability", 1.0), Attribute.count("copies", 1));

    private final double probability;
    private final long copies;

    public DuplicateToxic(Attributes a) {
        this.probability = a.probability("probability");
        this.copies = a.count("copies");
    }

    @Override
    public void onChunk(Chunk chunk, ToxicContext ctx) {
        ctx.forward(chunk);
        if (probability >= 1.0 || ctx.random().nextDouble() < probability) {
            for (long i = 0; i < copies; i++) {
                ctx.forward(chunk);
            }
        }
    }
}
