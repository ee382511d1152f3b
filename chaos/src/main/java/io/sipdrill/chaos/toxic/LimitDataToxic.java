package io.sipdrill.chaos.toxic;

import java.util.Arrays;

/**
 * {@code limit_data}: closes the connection once {@code bytes} bytes have passed. TCP cuts the
 * chunk that crosses the limit, as in Toxiproxy; UDP never cuts a datagram: one that does not fit
 * is dropped and the peer's session ends (its next datagram starts a new session and a new count).
 */
public final class LimitDataToxic implements Toxic {

    public static final ToxicType TYPE = ToxicType.both("limit_data", LimitDataToxic::new,
            Attribute.count("bytes", 0));

    private final long limit;
    private long passed;

    public LimitDataToxic(Attributes a) {
        this.limit = a.count("bytes");
    }

    @Override
    public void onChunk(Chunk chunk, ToxicContext ctx) {
        if (chunk.endOfStream()) {
            ctx.forward(chunk);
            return;
        }
        long remaining = limit - passed;
        int len = chunk.length();
        if (ctx.transport() == Transport.UDP) {
            if (len <= remaining) {
                passed += len;
                ctx.forward(chunk);
                if (passed >= limit) {
                    ctx.close();
                }
            } else {
                ctx.drop(chunk);
                ctx.close();
            }
            return;
        }
        if (remaining > 0) {
            Chunk out = len <= remaining ? chunk : Chunk.of(Arrays.copyOf(chunk.data(), (int) remaining), chunk.arrivalNanos());
            passed += out.length();
            ctx.forward(out);
        }
        if (passed >= limit) {
            ctx.close();
        }
    }
}
