package io.sipdrill.dashboards.analysis;

import io.sipdrill.load.journal.JournalEvent.Transaction;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Detection time and the per-phase transaction statistics. */
final class TransactionAnalysis {

    private TransactionAnalysis() {
    }

    record Result(Double detectionS, PhaseStats overall, Map<Phase, PhaseStats> phases) {
    }

    static Result of(List<Transaction> sortedTransactions, FaultTimes faults, TimeScale scale) {
        TransactionTally overall = new TransactionTally();
        Map<Phase, TransactionTally> byPhase = new EnumMap<>(Phase.class);
        for (Phase phase : Phase.values()) {
            byPhase.put(phase, new TransactionTally());
        }
        Long detectedAt = null;
        for (Transaction tx : sortedTransactions) {
            overall.add(tx);
            byPhase.get(faults.phaseOf(tx.t())).add(tx);
            if (detectedAt == null && faults.t0() != null && tx.t() >= faults.t0() && failed(tx)) {
                detectedAt = tx.t();
            }
        }
        Map<Phase, PhaseStats> phases = new EnumMap<>(Phase.class);
        byPhase.forEach((phase, tally) -> phases.put(phase, tally.stats()));
        Double detectionS = detectedAt == null ? null
                : Rounding.round(scale.realSeconds(detectedAt - faults.t0()), Rounding.SECONDS);
        return new Result(detectionS, overall.stats(), phases);
    }

    /**
     * What a handset takes as "the registrar is in trouble": no answer, no way to send, or a server
     * failure / request timeout. A 401 challenge or a 403 is the registrar working as designed.
     */
    static boolean failed(Transaction tx) {
        String outcome = tx.outcome();
        if ("timeout".equalsIgnoreCase(outcome) || "error".equalsIgnoreCase(outcome)) {
            return true;
        }
        Integer code = tx.code();
        return "rejected".equalsIgnoreCase(outcome) && code != null
                && (code == 408 || (code >= 500 && code <= 599));
    }
}
