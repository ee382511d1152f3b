package io.sipdrill.chaos.toxic;

/**
 * {@code bandwidth}: limits the link to {@code rate} KB/s (1 KB = 1000 bytes; 0 = unlimited), as
 * in Toxiproxy. A chunk leaves once its bytes have "been sent" at that rate; on TCP a large chunk
 * goes in pieces of 100 ms worth so the stream flows smoothly. A datagram is never split.
 */
public final class BandwidthToxic implements BufferingToxic {

    public static final ToxicType TYPE = ToxicType.both("bandwidth", BandwidthToxic::new,
            Attribute.count("rate", 0));

    private final long rate;
    private final DelayLine line = new DelayLine();

    public BandwidthToxic(Attributes a) {
        this.rate = a.count("rate");
    }

    @Override
    public void onChunk(Chunk chunk, ToxicContext ctx) {
        if (rate <= 0) {
            ctx.forward(chunk);
            return;
        }
        long now = ctx.scheduler().nanoTime();
        byte[] data = chunk.data();
        int piece = (int) Math.min(Integer.MAX_VALUE, Math.max(1, rate * 100));
        if (chunk.endOfStream() || ctx.transport() == Transport.UDP || data.length <= piece) {
            line.add(chunk, line.lastDue(now) + transmitNanos(data.length), ctx);
            return;
        }
        for (int off = 0; off < data.length; off += piece) {
            int len = Math.min(piece, data.length - off);
            byte[] part = java.util.Arrays.copyOfRange(data, off, off + len);
            line.add(Chunk.of(part, chunk.arrivalNanos()), line.lastDue(now) + transmitNanos(len), ctx);
        }
    }

    /** bytes ÷ (rate × 1000 B/s), in ns. */
    private long transmitNanos(long bytes) {
        return bytes * 1_000_000L / rate;
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
