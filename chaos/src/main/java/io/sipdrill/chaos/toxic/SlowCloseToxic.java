package io.sipdrill.chaos.toxic;

import java.util.concurrent.TimeUnit;

/**
 * {@code slow_close} (TCP): data passes at once, but the end of the stream is held {@code delay} ms
 * before the proxy closes its side. UDP has no close, so the API refuses it there.
 */
public final class SlowCloseToxic implements BufferingToxic {

    public static final ToxicType TYPE = ToxicType.tcpOnly("slow_close", SlowCloseToxic::new,
            Attribute.count("delay", 0));

    private final long delayNanos;
    private final DelayLine line = new DelayLine();

    public SlowCloseToxic(Attributes a) {
        this.delayNanos = TimeUnit.MILLISECONDS.toNanos(a.count("delay"));
    }

    @Override
    public void onChunk(Chunk chunk, ToxicContext ctx) {
        if (chunk.endOfStream()) {
            line.add(chunk, ctx.scheduler().nanoTime() + delayNanos, ctx);
        } else if (line.holding()) {
            line.add(chunk, 0, ctx); // behind a held close (cannot happen on a sane stream; keep order anyway)
        } else {
            ctx.forward(chunk);
        }
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
