package io.sipdrill.chaos.toxic;

import java.util.concurrent.TimeUnit;

/**
 * {@code latency}: delays every chunk by {@code latency} ms ± a uniform {@code jitter} ms. Order is
 * kept (a chunk never overtakes one ahead of it), so jitter does not reorder; use {@code reorder}
 * for that. Removed mid-flight, it delivers what it holds at once.
 */
public final class LatencyToxic implements BufferingToxic {

    public static final ToxicType TYPE = ToxicType.both("latency", LatencyToxic::new,
            Attribute.count("latency", 0), Attribute.count("jitter", 0));

    private final long latencyNanos;
    private final long jitterNanos;
    private final DelayLine line = new DelayLine();

    public LatencyToxic(Attributes a) {
        this.latencyNanos = TimeUnit.MILLISECONDS.toNanos(a.count("latency"));
        this.jitterNanos = TimeUnit.MILLISECONDS.toNanos(a.count("jitter"));
    }

    @Override
    public void onChunk(Chunk chunk, ToxicContext ctx) {
        long delay = latencyNanos;
        if (jitterNanos > 0) {
            delay = Math.max(0, delay + ctx.random().nextLong(-jitterNanos, jitterNanos + 1));
        }
        line.add(chunk, ctx.scheduler().nanoTime() + delay, ctx);
    }

    @Override
    public void flush(ToxicContext ctx) {
        line.flush(ctx);
    }

    @Override
    public boolean holding() {
        return line.holding();
    }
}
