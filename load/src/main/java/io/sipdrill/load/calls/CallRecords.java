package io.sipdrill.load.calls;

import io.sipdrill.load.handset.Pop;
import io.sipdrill.load.journal.Journal;
import io.sipdrill.load.journal.JournalEvent;
import io.sipdrill.load.sip.call.CallOutcome;
import io.sipdrill.load.sip.call.CallResult;
import io.sipdrill.load.sip.call.MediaStats;
import io.sipdrill.load.time.DrillClock;

/** Writes a caller's {@link CallResult} as the journal's {@code call} line. */
public final class CallRecords {

    /** Voicemail boxes answer as user {@code vm-<ext>} (CALL-ROUTING.md), so the caller can tell. */
    static final String VOICEMAIL_PREFIX = "vm-";

    private final Journal journal;
    private final DrillClock clock;

    public CallRecords(Journal journal, DrillClock clock) {
        this.journal = journal;
        this.clock = clock;
    }

    /** @param dir {@code in} (carrier → handset) or {@code out} (handset → carrier) */
    public void write(int handset, Pop pop, String dir, CallResult r) {
        MediaStats m = r.media();
        journal.write(new JournalEvent.CallEnded(clock.millis(), handset, pop.journal(), dir, outcome(r), r.code(),
                r.outcome() == CallOutcome.ANSWERED ? null : r.cause(), r.setupMs(), r.pddMs(), r.talkMs(),
                r.inviteSent(), r.retransmits(),
                m == null ? null : m.lossPct(), m == null ? null : m.jitterMs(), m == null ? null : m.mos()));
    }

    static String outcome(CallResult r) {
        return switch (r.outcome()) {
            case ANSWERED -> r.answeredBy() != null && r.answeredBy().startsWith(VOICEMAIL_PREFIX) ? "voicemail" : "answered";
            case FAILED -> "failed";
            case CANCELLED -> "cancelled";
        };
    }
}
