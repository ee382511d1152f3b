package io.sipdrill.load.rtp;

import java.nio.ByteBuffer;

/**
 * The fixed RTP header (RFC 3550 §5.1): version 2, no padding, no extension, no CSRCs when we
 * write it; reading accepts CSRCs, an extension and padding from other senders and skips them.
 *
 * @param sequence  16-bit sequence number, 0..65535
 * @param timestamp 32-bit timestamp in clock-rate units, 0..2^32−1
 * @param ssrc      32-bit synchronisation source, 0..2^32−1
 */
public record RtpHeader(boolean marker, int payloadType, int sequence, long timestamp, long ssrc) {

    public static final int VERSION = 2;
    public static final int FIXED_LENGTH = 12;

    public RtpHeader {
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payload type must be 0..127: " + payloadType);
        }
        if (sequence < 0 || sequence > 0xFFFF) {
            throw new IllegalArgumentException("sequence must be 0..65535: " + sequence);
        }
        if (timestamp < 0 || timestamp > 0xFFFF_FFFFL || ssrc < 0 || ssrc > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("timestamp and SSRC are unsigned 32-bit values");
        }
    }

    /** Writes the 12 header bytes at the buffer's position. */
    public void writeTo(ByteBuffer out) {
        out.put((byte) (VERSION << 6));
        out.put((byte) ((marker ? 0x80 : 0) | payloadType));
        out.putShort((short) sequence);
        out.putInt((int) timestamp);
        out.putInt((int) ssrc);
    }

    /**
     * Reads a header from {@code packet}'s position and leaves the position at the payload (and
     * the limit before any padding).
     *
     * @return null if this is not an RTP version 2 packet or it is truncated
     */
    public static RtpHeader readFrom(ByteBuffer packet) {
        int start = packet.position();
        int length = packet.remaining();
        if (length < FIXED_LENGTH) {
            return null;
        }
        int first = packet.get(start) & 0xFF;
        if (first >> 6 != VERSION) {
            return null;
        }
        boolean padding = (first & 0x20) != 0;
        boolean extension = (first & 0x10) != 0;
        int csrcCount = first & 0x0F;
        int second = packet.get(start + 1) & 0xFF;
        int sequence = packet.getShort(start + 2) & 0xFFFF;
        long timestamp = packet.getInt(start + 4) & 0xFFFF_FFFFL;
        long ssrc = packet.getInt(start + 8) & 0xFFFF_FFFFL;
        int payload = FIXED_LENGTH + 4 * csrcCount;
        if (extension) {
            if (length < payload + 4) {
                return null;
            }
            payload += 4 + 4 * (packet.getShort(start + payload + 2) & 0xFFFF);
        }
        int end = length;
        if (padding) {
            end -= packet.get(start + length - 1) & 0xFF;
        }
        if (payload > end) {
            return null;
        }
        packet.limit(start + end);
        packet.position(start + payload);
        return new RtpHeader((second & 0x80) != 0, second & 0x7F, sequence, timestamp, ssrc);
    }
}
