package io.sipdrill.load.rtp;

/**
 * An {@link RtpEngine}'s totals over all legs.
 *
 * @param droppedOnPurpose packets the loss seam dropped instead of sending
 * @param malformed        datagrams on an RTP port that were not RTP version 2
 * @param sendFailures     packets the socket refused (send buffer full, or an error)
 * @param slotsSkipped     20 ms slots not sent because the engine's thread fell 100 ms or more behind
 * @param failures         engine tasks that threw (a bug if ever non-zero)
 */
public record RtpCounters(long legsOpened, long packetsSent, long droppedOnPurpose, long packetsReceived,
                          long malformed, long sendFailures, long slotsSkipped, long failures) {
}
