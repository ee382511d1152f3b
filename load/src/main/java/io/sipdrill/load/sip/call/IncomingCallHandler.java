package io.sipdrill.load.sip.call;

/**
 * A user agent's policy for new INVITEs (ring, answer after a while, reject busy…). Runs on the
 * event loop; it must not block, and schedules later steps on the call's scheduler.
 */
@FunctionalInterface
public interface IncomingCallHandler {
    void onInvite(IncomingCall call);
}
