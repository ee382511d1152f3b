package io.sipdrill.chaos.toxic;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * {@code slicer} (TCP): cuts each chunk into pieces of about {@code average_size} bytes
 * (± {@code size_variation}), {@code delay} <em>microseconds</em> apart, as in Toxiproxy. A
 * datagram cannot be sliced, so the API refuses it on a UDP route.
 */
public final class SlicerToxic implements BufferingToxic {

    public static final ToxicType TYPE = ToxicType.tcpOnly("slicer", SlicerToxic::new,
            Attribute.count("average_size", 0), Attribute.count("size_variation", 0), Attribute.count("delay", 0));

    private final int averageSize;
    private final int sizeVariation;
    private final long delayNanos;
    private final DelayLine line = new DelayLine();

    public SlicerToxic(Attributes a) {
        this.averageSize = (int) Math.min(Integer.MAX_VALUE, a.count("average_size"));
        this.sizeVariation = (int) Math.min(averageSize, a.count("size_variation"));
        this.delayNanos = TimeUnit.MICROSECONDS.toNanos(a.count("delay"));
    }

    @Override
    public void onChunk(Chunk chunk, ToxicContext ctx) {
        long now = ctx.scheduler().nanoTime();
        byte[] data = chunk.data();
        if (chunk.endOfStream() || averageSize <= 0 || data.length <= averageSize + sizeVariation) {
            line.add(chunk, now, ctx);
            return;
        }
        long due = line.holding() ? line.lastDue(now) + delayNanos : now;
        int off = 0;
        while (off < data.length) {
            int size = averageSize;
            if (sizeVariation > 0) {
                size += ctx.random().nextInt(-sizeVariation, sizeVariation + 1);
            }
            size = Math.max(1, Math.min(size, data.length - off));
            line.add(Chunk.of(Arrays.copyOfRange(data, off, off + size), chunk.arrivalNanos()), due, ctx);
            off += size;
            due += delayNanos;
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
