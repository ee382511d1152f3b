package io.sipdrill.load.calls;

import io.sipdrill.load.handset.Handset;
import io.sipdrill.load.handset.Pop;
import io.sipdrill.load.sip.call.Call;
import io.sipdrill.load.sip.call.CallLayer;
import io.sipdrill.load.sip.call.CallListener;
import io.sipdrill.load.sip.call.CallResult;
import io.sipdrill.load.sip.call.IncomingCall;
import io.sipdrill.load.sip.transport.LocalSocket;

import java.util.concurrent.TimeUnit;

/**
 * A handset's phone line: it rings and answers inbound calls after the ring time (busy, 486,
 * while already on a call, as a desk phone without call waiting is), and places outbound calls
 * through the POP it is registered on, hanging up after the talk time. Confined to the loop.
 */
public final class HandsetLine {

    private final Handset handset;
    private final LocalSocket socket;
    private final CallLayer calls;
    private final CallTimes times;
    private final CallRecords records;
    private Call current;

    private HandsetLine(Handset handset, LocalSocket socket, CallLayer calls, CallTimes times, CallRecords records) {
        this.handset = handset;
        this.socket = socket;
        this.calls = calls;
        this.times = times;
        this.records = records;
    }

    /** Starts answering calls for {@code handset}'s user. Call on the loop. */
    public static HandsetLine plugIn(Handset handset, LocalSocket socket, CallLayer calls, CallTimes times,
                                     CallRecords records) {
        HandsetLine line = new HandsetLine(handset, socket, calls, times, records);
        calls.answerFor(handset.user(), line::onInvite);
        return line;
    }

    private void onInvite(IncomingCall call) {
        if (current != null) {
            call.reject(486, "Busy Here");
            return;
        }
        current = call;
        call.listener((c, result) -> ended(c));
        call.ring();
        call.scheduler().schedule(call::answer, times.ringNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Dials {@code number} through the POP this handset is registered on (the primary when it is
     * nowhere: it has nothing better to try). Returns false when the line is busy.
     */
    public boolean dial(String number) {
        return dial(number, CallListener.IGNORE);
    }

    /** As {@link #dial(String)}, telling {@code observer} when it is answered and when it ends. */
    public boolean dial(String number, CallListener observer) {
        if (current != null) {
            return false;
        }
        Pop pop = handset.registeredOn() == null ? Pop.PRIMARY : handset.registeredOn();
        current = calls.call(socket, handset.user(), number, handset.address(pop), new CallListener() {
            @Override
            public void onRinging(Call call) {
                call.scheduler().schedule(call::hangup, times.giveUpAfter().toNanos(), TimeUnit.NANOSECONDS);
            }

            @Override
            public void onAnswered(Call call) {
                call.scheduler().schedule(call::hangup, times.talkNanos(), TimeUnit.NANOSECONDS);
                observer.onAnswered(call);
            }

            @Override
            public void onEnded(Call call, CallResult result) {
                ended(call);
                records.write(DdiNumbers.handsetOf(DdiNumbers.ddiOf(handset.user())), pop, "out", result);
                observer.onEnded(call, result);
            }
        });
        return true;
    }

    private void ended(Call call) {
        if (current == call) {
            current = null;
        }
    }

    public boolean busy() {
        return current != null;
    }

    /** Stops answering; a call in progress is hung up. */
    public void unplug() {
        calls.stopAnswering(handset.user());
        if (current != null) {
            current.hangup();
        }
    }
}
