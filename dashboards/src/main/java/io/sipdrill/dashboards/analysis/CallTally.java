package io.sipdrill.dashboards.analysis;

import io.sipdrill.load.journal.JournalEvent.CallEnded;

/** Adds up one group's calls: how each ended, setup and post-dial delay, retransmissions. */
final class CallTally {

    private final LatencySamples setup = new LatencySamples();
    private final LatencySamples pdd = new LatencySamples();
    private int attempted;
    private int answered;
    private int voicemail;
    private int failed;
    private int cancelled;
    private long retransmits;

    void add(CallEnded call) {
        attempted++;
        retransmits += Math.max(0, call.retransmits());
        switch (CallOutcome.of(call)) {
            case ANSWERED -> {
                answered++;
                if (call.setupMs() != null) {
                    setup.add(call.setupMs());
                }
            }
            case VOICEMAIL -> voicemail++;
            case FAILED -> failed++;
            case CANCELLED -> cancelled++;
        }
        if (call.pddMs() != null) {
            pdd.add(call.pddMs());
        }
    }

    CallCounts counts() {
        return new CallCounts(attempted, answered, voicemail, failed, cancelled,
                Rounding.percent(answered + voicemail, attempted));
    }

    CallStats stats() {
        Double perCall = attempted == 0 ? null : Rounding.round((double) retransmits / attempted, Rounding.RATIO);
        return new CallStats(counts(), setup.summary(), pdd.summary(), retransmits, perCall);
    }
}
