package io.sipdrill.load.rtp;

import io.sipdrill.load.sip.call.MediaLeg;
import io.sipdrill.load.sip.call.MediaStats;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.util.concurrent.TimeUnit;

/**
 * One call end's RTP on an {@link RtpEngine}: its even port, the G.711 stream it sends once
 * started, and the statistics of what it receives. {@link #start} and {@link #stop} are called on
 * a SIP event loop and only hand work over; sending and receiving happen on the engine's thread.
 */
final class RtpLeg implements MediaLeg {

    /** Where a leg is in its life; it only ever moves forward. */
    enum State { OPEN, SENDING, STOPPED }

    /** A started leg that heard nothing for this long reports 100% loss rather than no media. */
    static final long SILENT_AFTER_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final RtpEngine engine;
    private final InetSocketAddress local;
    final DatagramChannel channel;
    private final long ssrc;
    private final int firstSequence;
    private final long firstTimestamp;
    private final ReceiverStatistics received = new ReceiverStatistics(G711.CLOCK_RATE); // guarded by this
    private volatile State state = State.OPEN;
    private long startedNanos = -1;  // guarded by this
    private MediaStats finalStats;   // guarded by this

    // Engine thread only:
    SelectionKey key;
    private InetSocketAddress remote;
    private G711 law;
    private SendSchedule schedule;
    private long packetsSent;
    private long packetsDropped;

    RtpLeg(RtpEngine engine, InetSocketAddress local, DatagramChannel channel, long ssrc, int firstSequence,
           long firstTimestamp) {
        this.engine = engine;
        this.local = local;
        this.channel = channel;
        this.ssrc = ssrc;
        this.firstSequence = firstSequence;
        this.firstTimestamp = firstTimestamp;
    }

    @Override
    public InetSocketAddress local() {
        return local;
    }

    @Override
    public void start(InetSocketAddress to, int payloadType) {
        G711 codec = G711.ofPayloadType(payloadType).orElse(G711.PCMU);
        synchronized (this) {
            if (state != State.OPEN) {
                return;
            }
            state = State.SENDING;
            startedNanos = engine.ticker().nanoTime();
        }
        engine.submit(() -> {
            if (state == State.SENDING) {
                remote = to;
                law = codec;
                schedule = new SendSchedule(engine.ticker().nanoTime());
                engine.pace(this);
            }
        });
    }

    @Override
    public MediaStats stop() {
        synchronized (this) {
            if (state == State.STOPPED) {
                return finalStats;
            }
            state = State.STOPPED; // from here on, arriving packets are dropped unread
            finalStats = statistics(engine.ticker().nanoTime());
        }
        engine.submit(() -> engine.release(this));
        return finalStats;
    }

    State state() {
        return state;
    }

    /** On the engine thread: one packet arrived. */
    void onPacket(ByteBuffer packet, long arrivalNanos) {
        RtpHeader header = RtpHeader.readFrom(packet);
        if (header == null) {
            engine.countMalformed();
            return;
        }
        synchronized (this) {
            if (state != State.STOPPED) {
                received.onPacket(header.sequence(), header.timestamp(), header.ssrc(), arrivalNanos);
            }
        }
    }

    /** On the engine thread: when the next packet is due (after {@link #start}). */
    long dueNanos() {
        return schedule.dueNanos();
    }

    /**
     * On the engine thread: sends (or drops on purpose) the packet of the current slot, writing it
     * into {@code buffer}, and moves the schedule on.
     */
    void sendDue(ByteBuffer buffer, LossSeam loss, long nowNanos) {
        long slot = schedule.slot();
        // The sequence counts packets, the timestamp counts samples: a skipped slot moves only the timestamp.
        int sequence = (int) ((firstSequence + packetsSent + packetsDropped) & 0xFFFF);
        long timestamp = (firstTimestamp + slot * G711.SAMPLES_PER_PACKET) & 0xFFFF_FFFFL;
        if (loss.drop()) {
            packetsDropped++;
        } else {
            buffer.clear();
            new RtpHeader(slot == 0, law.payloadType(), sequence, timestamp, ssrc).writeTo(buffer);
            buffer.put(TonePayload.of(law));
            buffer.flip();
            try {
                if (channel.send(buffer, remote) == 0) {
                    engine.countSendFailure(); // the socket's send buffer is full: lost as on a real link
                }
            } catch (IOException e) {
                engine.countSendFailure();
            }
            packetsSent++;
        }
        engine.countSkipped(schedule.advance(nowNanos));
    }

    private MediaStats statistics(long nowNanos) {
        if (received.received() == 0) {
            boolean heardNothing = startedNanos >= 0 && nowNanos - startedNanos >= SILENT_AFTER_NANOS;
            return heardNothing ? new MediaStats(0, 100.0, 0, EModel.mosFor(100.0, 0)) : null;
        }
        double loss = received.lossPercent();
        double jitter = received.jitterMillis();
        return new MediaStats(received.received(), loss, jitter, EModel.mosFor(loss, jitter));
    }

    long packetsSent() {
        return packetsSent;
    }

    @Override
    public String toString() {
        return "RTP leg " + local + " (" + state + ")";
    }
}
