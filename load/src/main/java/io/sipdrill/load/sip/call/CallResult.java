package io.sipdrill.load.sip.call;

/**
 * What one end measured of a finished call. Times are real milliseconds on the engine's clock.
 *
 * @param code        the final status of the INVITE (null on timeout or for a callee's own cancel)
 * @param cause       busy, unavailable, not_found, timeout, no_ack, error, cancelled, or the code
 * @param answeredBy  the user in the 2xx's Contact (the caller learns whether voicemail answered)
 * @param setupMs     INVITE sent → 2xx (caller) or INVITE received → ACK (callee); null if not answered
 * @param pddMs       INVITE sent → first 180/183 (caller only); null if none
 * @param talkMs      2xx → BYE; null if not answered
 * @param inviteSent  INVITE transmissions (caller only; 1 + Timer A retransmissions)
 * @param retransmits every retransmission this end sent for the call (INVITE, BYE, CANCEL, 2xx)
 * @param media       what this end received, or null without media
 */
public record CallResult(CallOutcome outcome, Integer code, String cause, String answeredBy, Double setupMs,
                         Double pddMs, Double talkMs, int inviteSent, int retransmits, MediaStats media) {

    /** The cause token for a final status code. */
    static String causeOf(int code) {
        return switch (code) {
            case 486, 600 -> "busy";
            case 480 -> "unavailable";
            case 404, 604 -> "not_found";
            case 408 -> "timeout";
            case 487 -> "cancelled";
            default -> Integer.toString(code);
        };
    }
}
