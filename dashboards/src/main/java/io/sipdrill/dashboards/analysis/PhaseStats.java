package io.sipdrill.dashboards.analysis;

/**
 * Transactions of one phase (or of the whole drill): how many, how many messages they took
 * ({@code sent}, retransmissions included), amplification = sent ÷ transactions (null when none),
 * and REGISTER latency over those that got a response.
 */
public record PhaseStats(int transactions, long sent, Double retransmissionAmplification,
                         LatencySummary registerLatencyMs) {
}
