package io.sipdrill.dashboards.analysis;

/**
 * Transactions of one phase (or of the whole drill): how many, how many messages they took
 * ({@code sent}, retransmissions included), amplification = sent ÷ transactions (null when none),
 * REGISTER latency over those that got a response, and how many ended in Timer F ({@code timeouts}).
 */
public record PhaseStats(int transactions, long sent, Double retransmissionAmplification,
                         LatencySummary registerLatencyMs, int timeouts) {
}
