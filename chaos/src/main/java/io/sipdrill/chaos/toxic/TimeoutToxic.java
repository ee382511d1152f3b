package io.sipdrill.chaos.toxic;

import io.sipdrill.load.time.Scheduler;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * {@code timeout}: nothing gets through; after {@code timeout} ms the connection is closed
 * (0 = never closed, nothing delivered while the toxic stays).
 *
 * <p>TCP, as in Toxiproxy: the bytes are held, and delivered if the toxic is removed before the
 * close. UDP: datagrams are dropped (counted against the toxic), a black hole; the timer ends the
 * peer's session, so its next datagram goes out from a fresh upstream socket.
 */
public final class TimeoutToxic implements StatefulToxic, BufferingToxic {

    public static final ToxicType TYPE = ToxicType.both("timeout", TimeoutToxic::new,
            Attribute.count("timeout", 0));

    private final long timeoutMillis;
    private final ArrayDeque<Chunk> held = new ArrayDeque<>();
    private Scheduler.Timeout timer;

    public TimeoutToxic(Attributes a) {
        this.timeoutMillis = a.count("timeout");
    }

    @Override
    public void start(ToxicContext ctx) {
        if (timeoutMillis > 0) {
            timer = ctx.scheduler().schedule(ctx::close, timeoutMillis, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void onChunk(Chunk chunk, ToxicContext ctx) {
        if (ctx.transport() == Transport.UDP) {
            ctx.drop(chunk);
        } else {
            held.add(chunk);
        }
    }

    @Override
    public void flush(ToxicContext ctx) {
        stop();
        Chunk c;
        while ((c = held.poll()) != null) {
            ctx.forward(c);
        }
    }

    @Override
    public boolean holding() {
        return !held.isEmpty();
    }

    @Override
    public void stop() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }
}
