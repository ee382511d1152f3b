package io.sipdrill.dashboards.analysis;

/**
 * How a group of call attempts ended. {@code answered} counts calls answered by a handset (inbound)
 * or the far end (outbound); {@code voicemail} those the voicemail fallback answered instead.
 * {@code answeredPct} = (answered + voicemail) ÷ attempted: a caller who reaches voicemail was
 * served as the routing contract promises, one who hears a failure or gives up was not. Null when
 * nothing was attempted.
 */
public record CallCounts(int attempted, int answered, int voicemail, int failed, int cancelled,
                         Double answeredPct) {

    static final CallCounts NONE = new CallCounts(0, 0, 0, 0, 0, null);
}
