package io.sipdrill.chaos.toxic;

import io.sipdrill.load.time.Scheduler;

import java.util.concurrent.TimeUnit;

/**
 * {@code reorder} (UDP): with {@code probability} (0 to 1, default 1) a datagram is held back until
 * {@code gap} later datagrams (default 1) have passed it, or at most {@code delay} ms (default 100)
 * so the last one of a burst is not stuck. One datagram is held at a time. Removed, it sends what
 * it holds at once. The API refuses it on a TCP route.
 */
public final class ReorderToxic implements BufferingToxic {

    public static final ToxicType TYPE = ToxicType.udpOnly("reorder", ReorderToxic::new,
            Attribute.probability("probability", 1.0), Attribute.count("gap", 1), Attribute.count("delay", 100));

    private final double probability;
    private final long gap;
    private final long delayMillis;
    private Chunk held;
    private long passedSinceHeld;
    private Scheduler.Timeout timer;

    public ReorderToxic(Attributes a) {
        this.probability = a.probability("probability");
        this.gap = Math.max(1, a.count("gap"));
        this.delayMillis = a.count("delay");
    }

    @Override
    public void onChunk(Chunk chunk, ToxicContext ctx) {
        if (held == null) {
            if (probability >= 1.0 || ctx.random().nextDouble() < probability) {
                held = chunk;
                passedSinceHeld = 0;
                timer = ctx.scheduler().schedule(() -> flush(ctx), delayMillis, TimeUnit.MILLISECONDS);
            } else {
                ctx.forward(chunk);
            }
            return;
        }
        ctx.forward(chunk);
        if (++passedSinceHeld >= gap) {
            flush(ctx);
        }
    }

    @Override
    public void flush(ToxicContext ctx) {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
        Chunk c = held;
        held = null;
        if (c != null) {
            ctx.forward(c);
        }
    }

    @Override
    public boolean holding() {
        return held != null;
    }
}
