package io.sipdrill.chaos.toxic;

/**
 * One piece of traffic moving through a toxic chain: a datagram on a UDP route, the bytes of one
 * read on a TCP route, or (TCP only) the end of the stream, which travels behind the data so a
 * toxic can hold or delay the close as well.
 *
 * @param data the bytes (never modified once made; an empty array for the end of stream)
 * @param arrivalNanos when the proxy read it, on the route's scheduler
 */
public record Chunk(byte[] data, long arrivalNanos, boolean endOfStream) {

    private static final byte[] NONE = new byte[0];

    public static Chunk of(byte[] data, long arrivalNanos) {
        return new Chunk(data, arrivalNanos, false);
    }

    public static Chunk endOfStream(long arrivalNanos) {
        return new Chunk(NONE, arrivalNanos, true);
    }

    public int length() {
        return data.length;
    }
}
