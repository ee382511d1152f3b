package io.sipdrill.chaos.drill;

import io.sipdrill.load.journal.Journal;
import io.sipdrill.load.journal.JournalEvent;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The journal the load writes to, passed through, counting finished calls by direction and
 * finished REGISTER transactions on the way, so call probes can read an answered share for a
 * window and the progress line a rate without reading the journal back.
 * Answered counts a handset's (or the far end's) answer and voicemail's, as the report does.
 */
final class LoadTally implements Journal {

    private static final int IN_ATTEMPTED = 0;
    private static final int IN_ANSWERED = 1;
    private static final int OUT_ATTEMPTED = 2;
    private static final int OUT_ANSWERED = 3;
    private static final int REGISTERS = 4;

    private final Journal journal;
    private final AtomicLongArray counts = new AtomicLongArray(5);

    LoadTally(Journal journal) {
        this.journal = journal;
    }

    /** Totals so far; subtract an earlier one for a window. */
    record Counts(long inAttempted, long inAnswered, long outAttempted, long outAnswered, long registers) {
        Counts since(Counts earlier) {
            return new Counts(inAttempted - earlier.inAttempted, inAnswered - earlier.inAnswered,
                    outAttempted - earlier.outAttempted, outAnswered - earlier.outAnswered, registers - earlier.registers);
        }

        /** Calls that ended, both directions. */
        long calls() {
            return inAttempted + outAttempted;
        }

        Double inboundPct() {
            return inAttempted == 0 ? null : 100.0 * inAnswered / inAttempted;
        }

        Double outboundPct() {
            return outAttempted == 0 ? null : 100.0 * outAnswered / outAttempted;
        }
    }

    Counts now() {
        return new Counts(counts.get(IN_ATTEMPTED), counts.get(IN_ANSWERED), counts.get(OUT_ATTEMPTED), counts.get(OUT_ANSWERED),
                counts.get(REGISTERS));
    }

    @Override
    public void write(JournalEvent event) {
        if (event instanceof JournalEvent.Transaction tx && "REGISTER".equals(tx.method())) {
            counts.incrementAndGet(REGISTERS);
        } else if (event instanceof JournalEvent.CallEnded call) {
            boolean in = "in".equals(call.dir());
            boolean answered = "answered".equals(call.outcome()) || "voicemail".equals(call.outcome());
            counts.incrementAndGet(in ? IN_ATTEMPTED : OUT_ATTEMPTED);
            if (answered) {
                counts.incrementAndGet(in ? IN_ANSWERED : OUT_ANSWERED);
            }
        }
        journal.write(event);
    }

    @Override
    public void flush() {
        journal.flush();
    }

    /** The runner's caller owns the journal: closing the tally closes nothing. */
    @Override
    public void close() {
    }
}
