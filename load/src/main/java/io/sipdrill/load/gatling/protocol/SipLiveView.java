package io.sipdrill.load.gatling.protocol;

import io.sipdrill.load.handset.PopCounts;
import io.sipdrill.load.journal.JournalEvent;
import io.sipdrill.load.sip.transaction.SipCounters;
import io.sipdrill.load.time.DrillClock;

import java.util.function.IntSupplier;

/**
 * A live window on one running {@link SipProtocol}: where the virtual users' handsets are
 * registered right now and the engine's counters. Every getter reads current values, so keep the
 * view and poll it (e.g. once a second for the drill timeline); it is safe to read from any thread.
 *
 * <pre>{@code
 * SipProtocolBuilder sip = SipDsl.sip.registrar("127.0.1.1:5060").backup("127.0.2.1:5060")
 *     .observe(view -> sampler.start(() -> journal.write(view.sample())));
 * }</pre>
 *
 * After the run the view keeps its last values; the engine behind it is closed.
 */
public final class SipLiveView {

    private final PopCounts counts;
    private final IntSupplier handsets;
    private final SipCounters counters;
    private final DrillClock clock;
    private volatile io.sipdrill.load.calls.DdiRouting ddi;

    SipLiveView(PopCounts counts, IntSupplier handsets, SipCounters counters, DrillClock clock) {
        this.counts = counts;
        this.handsets = handsets;
        this.counters = counters;
        this.clock = clock;
    }

    /** Handsets created so far: one per virtual user that ran a register step. */
    public int handsets() {
        return handsets.getAsInt();
    }

    /** Handsets holding a valid registration on the primary registrar. */
    public int primary() {
        return counts.primary();
    }

    /** Handsets holding a valid registration on the backup POP. */
    public int backup() {
        return counts.backup();
    }

    /** Handsets registered nowhere (not yet, lost, or unregistered). */
    public int nowhere() {
        return Math.max(0, handsets() - primary() - backup());
    }

    /** The engine's totals: transactions, retransmissions, timeouts, stray and malformed messages. */
    public SipCounters counters() {
        return counters;
    }

    /** The drill clock journal events are stamped with. */
    public DrillClock clock() {
        return clock;
    }

    /** Inbound DDI routing (switch it to move the carrier's calls between POPs); empty without a carrier. */
    public java.util.Optional<io.sipdrill.load.calls.DdiRouting> ddi() {
        return java.util.Optional.ofNullable(ddi);
    }

    void ddi(io.sipdrill.load.calls.DdiRouting routing) {
        this.ddi = routing;
    }

    /** A timeline sample stamped with the drill clock, ready for the journal. */
    public JournalEvent.TimelineSample sample() {
        int primary = primary();
        int backup = backup();
        int nowhere = Math.max(0, handsets() - primary - backup);
        return new JournalEvent.TimelineSample(clock.millis(), primary, backup, nowhere);
    }

    @Override
    public String toString() {
        return "primary=" + primary() + " backup=" + backup() + " nowhere=" + nowhere();
    }
}
