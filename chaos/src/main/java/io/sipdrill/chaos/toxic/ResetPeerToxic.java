package io.sipdrill.chaos.toxic;

import io.sipdrill.load.time.Scheduler;

import java.util.concurrent.TimeUnit;

/**
 * {@code reset_peer} (TCP): when data first arrives, waits {@code timeout} ms (0 = at once) and
 * resets the connection (RST). The data is discarded, as in Toxiproxy. UDP has no reset; the API
 * refuses it there.
 */
public final class ResetPeerToxic implements StatefulToxic {

    public static final ToxicType TYPE = ToxicType.tcpOnly("reset_peer", ResetPeerToxic::new,
            Attribute.count("timeout", 0));

    private final long timeoutMillis;
    private Scheduler.Timeout timer;
    private boolean triggered;

    public ResetPeerToxic(Attributes a) {
        this.timeoutMillis = a.count("timeout");
    }

    @Override
    public void start(ToxicContext ctx) {
        // The clock starts with the first chunk, not the connection.
    }

    @Override
    public void onChunk(Chunk chunk, ToxicContext ctx) {
        if (!chunk.endOfStream()) {
            ctx.drop(chunk);
        }
        if (triggered) {
            return;
        }
        triggered = true;
        if (timeoutMillis == 0) {
            ctx.reset();
        } else {
            timer = ctx.scheduler().schedule(ctx::reset, timeoutMillis, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void stop() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }
}
