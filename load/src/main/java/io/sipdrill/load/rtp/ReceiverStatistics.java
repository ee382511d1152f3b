package io.sipdrill.load.rtp;

/**
 * What one leg received, per RFC 3550: the extended highest sequence number with wrap-around and
 * the resynchronisation rule of Appendix A.1, expected versus received packets (cumulative loss),
 * and the interarrival jitter estimator of Appendix A.8. Arrival times are arguments, so this is
 * tested without sockets or clocks. Not thread-safe: the owner serialises calls.
 *
 * <p>Two deliberate differences from A.1, both so the loss figure means "packets that did not
 * arrive": duplicates are recognised (a window over the last {@value #WINDOW} sequence numbers)
 * and not counted as received, so they cannot hide a lost packet; and the first packet seen is
 * accepted at once, without A.1's probation, because the stream's source is the peer the SDP
 * named.
 *
 * <p>Only the first SSRC is measured; packets of any other SSRC are counted and ignored. A leg's
 * port is reused after an earlier call on it stopped, and that call's far end may still be
 * sending for a moment: mixing two streams would corrupt the sequence accounting, whereas none of
 * the peers this harness talks to changes SSRC within a call.
 */
public final class ReceiverStatistics {

    /** What became of one arriving packet. */
    public enum Arrival {
        /** Counted as received. */
        COUNTED,
        /** A sequence number already received: ignored. */
        DUPLICATE,
        /** Another SSRC than the stream's: ignored. */
        OTHER_SOURCE,
        /** A jump of more than {@value #MAX_DROPOUT}, not (yet) confirmed by a packet in sequence after it: ignored. */
        OUT_OF_RANGE
    }

    static final int MAX_DROPOUT = 3000;   // RFC 3550 A.1: a bigger jump ahead is a restart or a stray
    static final int MAX_MISORDER = 100;   // RFC 3550 A.1: a bigger jump back is a restart or a stray
    static final int WINDOW = 128;         // at least MAX_MISORDER: every packet we accept late is in it
    private static final int SEQ_MOD = 1 << 16;

    private final double clockRate;
    private boolean started;
    private long ssrc;
    private int maxSeq;
    private long cycles;          // wraps of the 16-bit sequence, times 2^16
    private long baseExtended;    // lowest extended sequence number of the stream
    private int badSeq = -1;      // A.1: the sequence number that would confirm a jump as a restart
    private long received;
    private long earlierExpected; // counts of the stream before a confirmed restart
    private long earlierReceived;
    private long duplicates;
    private long otherSource;
    private long outOfRange;
    private final long[] seen = new long[WINDOW / 64];
    private long lastTimestamp;
    private long lastArrivalNanos;
    private double jitter;        // RFC 3550 A.8 estimate, in timestamp units

    /** @param clockRate the payload's RTP clock, 8000 for G.711 */
    public ReceiverStatistics(int clockRate) {
        this.clockRate = clockRate;
    }

    /** One packet arrived at {@code arrivalNanos} (any monotonic nanosecond clock). */
    public Arrival onPacket(int sequence, long timestamp, long packetSsrc, long arrivalNanos) {
        if (!started) {
            started = true;
            ssrc = packetSsrc;
            restartAt(sequence);
            return count(cycles + sequence, timestamp, arrivalNanos, false);
        }
        if (packetSsrc != ssrc) {
            otherSource++;
            return Arrival.OTHER_SOURCE;
        }
        int ahead = (sequence - maxSeq) & 0xFFFF;
        if (ahead == 0) {
            return duplicateOr(cycles + sequence, timestamp, arrivalNanos);
        }
        if (ahead < MAX_DROPOUT) {
            long previousMax = extendedMax();
            if (sequence < maxSeq) {
                cycles += SEQ_MOD;
            }
            long extended = cycles + sequence;
            forgetSeen(previousMax, extended);
            maxSeq = sequence;
            return count(extended, timestamp, arrivalNanos, true);
        }
        if (ahead <= SEQ_MOD - MAX_MISORDER) {
            if (sequence != badSeq) {
                badSeq = (sequence + 1) & 0xFFFF;
                outOfRange++;
                return Arrival.OUT_OF_RANGE;
            }
            // Two packets in sequence after a big jump: the sender restarted (A.1). Keep what the
            // old numbering counted and measure on from here.
            earlierExpected += expectedInThisNumbering();
            earlierReceived += received;
            restartAt(sequence);
            return count(cycles + sequence, timestamp, arrivalNanos, false);
        }
        // Behind the highest: late (reordered) or a duplicate. Before the last wrap if numerically above it.
        long extended = cycles + sequence - (sequence > maxSeq ? SEQ_MOD : 0);
        if (extended < baseExtended) {
            baseExtended = extended; // it was sent before the first one we saw, so it was expected too
        }
        return duplicateOr(extended, timestamp, arrivalNanos);
    }

    private void restartAt(int sequence) {
        maxSeq = sequence;
        cycles = 0;
        baseExtended = sequence;
        badSeq = -1;
        received = 0;
        java.util.Arrays.fill(seen, 0);
    }

    private Arrival duplicateOr(long extended, long timestamp, long arrivalNanos) {
        if (isSeen(extended)) {
            duplicates++;
            return Arrival.DUPLICATE;
        }
        return count(extended, timestamp, arrivalNanos, true);
    }

    private Arrival count(long extended, long timestamp, long arrivalNanos, boolean updateJitter) {
        markSeen(extended);
        received++;
        if (updateJitter) {
            // A.8: D = (Rj − Ri) − (Sj − Si) in timestamp units; the signed 32-bit difference of the
            // timestamps survives their wrap-around.
            double arrivalDelta = (arrivalNanos - lastArrivalNanos) * clockRate / 1e9;
            int timestampDelta = (int) (timestamp - lastTimestamp);
            double d = arrivalDelta - timestampDelta;
            jitter += (Math.abs(d) - jitter) / 16.0;
        }
        lastTimestamp = timestamp;
        lastArrivalNanos = arrivalNanos;
        return Arrival.COUNTED;
    }

    private boolean isSeen(long extended) {
        int bit = (int) Math.floorMod(extended, (long) WINDOW);
        return (seen[bit >>> 6] & 1L << (bit & 63)) != 0;
    }

    private void markSeen(long extended) {
        int bit = (int) Math.floorMod(extended, (long) WINDOW);
        seen[bit >>> 6] |= 1L << (bit & 63);
    }

    /** The window slides up to {@code newMax}: the slots it reuses belong to sequence numbers not seen yet. */
    private void forgetSeen(long oldMax, long newMax) {
        long from = Math.max(oldMax + 1, newMax - WINDOW + 1);
        for (long e = from; e <= newMax; e++) {
            int bit = (int) Math.floorMod(e, (long) WINDOW);
            seen[bit >>> 6] &= ~(1L << (bit & 63));
        }
    }

    private long extendedMax() {
        return cycles + maxSeq;
    }

    private long expectedInThisNumbering() {
        return started ? extendedMax() - baseExtended + 1 : 0;
    }

    /** Packets the sequence numbers say were sent, from the first to the highest received. */
    public long expected() {
        return earlierExpected + expectedInThisNumbering();
    }

    /** Distinct packets received (duplicates and ignored packets not included). */
    public long received() {
        return earlierReceived + received;
    }

    /** Expected minus received; never negative. */
    public long lost() {
        return Math.max(0, expected() - received());
    }

    /** Cumulative loss in percent of expected; 0 before anything arrived. */
    public double lossPercent() {
        long expected = expected();
        return expected == 0 ? 0 : 100.0 * lost() / expected;
    }

    /** The A.8 interarrival jitter in timestamp units. */
    public double jitter() {
        return jitter;
    }

    public double jitterMillis() {
        return jitter * 1000.0 / clockRate;
    }

    /** The highest sequence number with its wrap count (RFC 3550's extended highest sequence number). */
    public long extendedHighestSequence() {
        return extendedMax();
    }

    public long duplicates() {
        return duplicates;
    }

    public long otherSource() {
        return otherSource;
    }

    public long outOfRange() {
        return outOfRange;
    }
}
