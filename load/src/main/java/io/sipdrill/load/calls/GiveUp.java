package io.sipdrill.load.calls;

import io.sipdrill.load.sip.call.OutgoingCall;

import java.util.concurrent.TimeUnit;

/**
 * A caller's patience: an unanswered call is cancelled {@link CallTimes#giveUpAfter()} after it
 * was placed, whether it rings or only got 100 Trying (a setup a restarted PBX dropped never
 * rings, and the INVITE transaction leaves a ringing or proceeding call to its caller).
 */
final class GiveUp {

    private GiveUp() {
    }

    /** Schedules the give-up of {@code call} on its loop. */
    static void after(OutgoingCall call, CallTimes times) {
        call.scheduler().schedule(call::cancel, times.giveUpAfter().toNanos(), TimeUnit.NANOSECONDS);
    }
}
