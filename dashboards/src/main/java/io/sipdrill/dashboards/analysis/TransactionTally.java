package io.sipdrill.dashboards.analysis;

import io.sipdrill.load.journal.JournalEvent.Transaction;

/** Adds up one phase's transactions: count, messages sent, timeouts, and REGISTER latencies that got a response. */
final class TransactionTally {

    private final LatencySamples registerLatency = new LatencySamples();
    private int transactions;
    private long sent;
    private int timeouts;

    void add(Transaction tx) {
        transactions++;
        sent += tx.sent();
        if ("timeout".equalsIgnoreCase(tx.outcome())) {
            timeouts++;
        }
        if ("REGISTER".equalsIgnoreCase(tx.method()) && gotResponse(tx) && tx.latencyMs() != null) {
            registerLatency.add(tx.latencyMs());
        }
    }

    /** Timeouts and send errors have no response, so their "latency" would only measure Timer F. */
    static boolean gotResponse(Transaction tx) {
        return !"timeout".equalsIgnoreCase(tx.outcome()) && !"error".equalsIgnoreCase(tx.outcome());
    }

    PhaseStats stats() {
        Double amplification = transactions == 0 ? null
                : Rounding.round((double) sent / transactions, Rounding.RATIO);
        return new PhaseStats(transactions, sent, amplification, registerLatency.summary(), timeouts);
    }
}
