package io.sipdrill.chaos.toxic;

/**
 * {@code loss} (UDP): drops each datagram with {@code probability} (0 to 1, default 1). Toxicity
 * rolls first, so {@code toxicity 0.5} with {@code probability 0.2} drops 10%. A byte stream cannot
 * lose bytes and stay a stream, so the API refuses it on a TCP route.
 */
public final class LossToxic implements Toxic {

    public static final ToxicType TYPE = ToxicType.udpOnly("loss", LossToxic::new,
            Attribute.probability("probability", 1.0));

    private final double probability;

    public LossToxic(Attributes a) {
        this.probability = a.probability("probability");
    }

    @Override
    public void onChunk(Chunk chunk, ToxicContext ctx) {
        if (probability >= 1.0 || ctx.random().nextDouble() < probability) {
            ctx.drop(chunk);
        } else {
            ctx.forward(chunk);
        }
    }
}
