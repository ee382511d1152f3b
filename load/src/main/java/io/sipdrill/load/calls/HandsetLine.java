package io.sipdrill.load.calls;

import io.sipdrill.load.handset.Handset;
import io.sipdrill.load.handset.Pop;
import io.sipdrill.load.sip.call.Call;
import io.sipdrill.load.sip.call.CallLayer;
import io.sipdrill.load.sip.call.CallListener;
import io.sipdrill.load.sip.call.CallResult;
import io.sipdrill.load.sip.call.IncomingCall;
import io.sipdrill.load.sip.call.OutgoingCall;
import io.sipdrill.load.sip.call.IncomingCallHandler;
import io.sipdrill.load.sip.transport.LocalSocket;

import java.util.concurrent.TimeUnit;

/**
 * A handset's phone line: it rings on inbound calls and, in {@link AnswerMode#AUTOMATIC}, answers
 * them after the ring time (busy, 486, while already on a call, as a desk phone without call
 * waiting is); it places outbound calls through the POP it is registered on, hanging up after the
 * talk time ({@link #dial}) or when told to ({@link #call}).
 *
 * <p>In {@link AnswerMode#SCRIPTED} an inbound call rings until a scenario takes it
 * ({@link #awaitCall}) and answers it; the line never answers by itself. Confined to the loop.
 */
public final class HandsetLine {

    private final Handset handset;
    private final LocalSocket socket;
    private final CallLayer calls;
    private final CallTimes times;
    private final CallRecords records;
    private final AnswerMode mode;
    private Call current;
    private CallListener watcher = CallListener.IGNORE;    // the scenario step following the current call
    private IncomingCall unclaimed;                         // scripted: ringing, no awaitCall took it yet
    private IncomingCallHandler taker;                      // scripted: an awaitCall waiting for a call
    private boolean scriptedCall;                           // current was placed or taken by scenario steps
    private boolean scenarioLeft;                           // scripted: nobody is there to take calls any more
    private String lastEnd;                                 // how the last call ended, for "no call" messages

    private HandsetLine(Handset handset, LocalSocket socket, CallLayer calls, CallTimes times, CallRecords records,
                        AnswerMode mode) {
        this.handset = handset;
        this.socket = socket;
        this.calls = calls;
        this.times = times;
        this.records = records;
        this.mode = mode;
    }

    /** Starts answering calls for {@code handset}'s user by itself. Call on the loop. */
    public static HandsetLine plugIn(Handset handset, LocalSocket socket, CallLayer calls, CallTimes times,
                                     CallRecords records) {
        return plugIn(handset, socket, calls, times, records, AnswerMode.AUTOMATIC);
    }

    /** Starts taking calls for {@code handset}'s user, answered as {@code mode} says. Call on the loop. */
    public static HandsetLine plugIn(Handset handset, LocalSocket socket, CallLayer calls, CallTimes times,
                                     CallRecords records, AnswerMode mode) {
        HandsetLine line = new HandsetLine(handset, socket, calls, times, records, mode);
        calls.answerFor(handset.user(), line::onInvite);
        return line;
    }

    private void onInvite(IncomingCall call) {
        if (current != null) {
            call.reject(486, "Busy Here");
            return;
        }
        if (mode == AnswerMode.SCRIPTED && scenarioLeft) {
            call.reject(480, "Temporarily Unavailable"); // the scripted user is gone: nobody would pick up
            return;
        }
        current = call;
        watcher = CallListener.IGNORE;
        scriptedCall = false;
        call.listener(new LineListener());
        call.ring();
        if (mode == AnswerMode.AUTOMATIC) {
            call.scheduler().schedule(call::answer, times.ringNanos(), TimeUnit.NANOSECONDS);
        } else if (taker != null) {
            IncomingCallHandler t = taker;
            taker = null;
            take(call, t);
        } else {
            unclaimed = call;
        }
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
        return place(number, observer, true);
    }

    /**
     * As {@link #dial(String, CallListener)}, but an answered call stays up until {@link #hangup}
     * (or the other side hangs up): a scenario decides the talk time. The caller still gives up on
     * a call unanswered {@link CallTimes#giveUpAfter()} after placing it.
     */
    public boolean call(String number, CallListener observer) {
        return place(number, observer, false);
    }

    private boolean place(String number, CallListener observer, boolean hangUpAfterTalk) {
        if (current != null) {
            return false;
        }
        Pop pop = handset.registeredOn() == null ? Pop.PRIMARY : handset.registeredOn();
        watcher = observer;
        scriptedCall = !hangUpAfterTalk;
        OutgoingCall placed = calls.call(socket, handset.user(), number, handset.address(pop), new LineListener() {
            @Override
            public void onAnswered(Call call) {
                if (hangUpAfterTalk) {
                    call.scheduler().schedule(call::hangup, times.talkNanos(), TimeUnit.NANOSECONDS);
                }
                super.onAnswered(call);
            }

            @Override
            public void onEnded(Call call, CallResult result) {
                records.write(DdiNumbers.handsetOf(DdiNumbers.ddiOf(handset.user())), pop, "out", result);
                super.onEnded(call, result);
            }
        });
        placed.giveUpAfter(times.giveUpAfter().toNanos());
        // A call that failed while it was being sent has ended (and told its watcher) already.
        current = placed.isEnded() ? null : placed;
        return true;
    }

    // ---- scripted steps ----------------------------------------------------------------------

    /**
     * Scripted answering: hands the next inbound call to {@code handler}, at once if one is ringing
     * that no earlier {@code awaitCall} took. The line is then the scenario's: it stays ringing
     * until {@link #answer} or {@link #hangup}.
     *
     * @return null once waiting (or handed over), or why the line cannot wait for a call
     */
    public String awaitCall(IncomingCallHandler handler) {
        if (mode != AnswerMode.SCRIPTED) {
            return "this line answers by itself: awaitCall() needs sip.registrar(…).answering(AnswerMode.SCRIPTED)";
        }
        if (current != null && unclaimed == null) {
            return "already on a call: hangup() it first";
        }
        if (taker != null) {
            return "another awaitCall() is already waiting on this line";
        }
        if (unclaimed != null) {
            IncomingCall call = unclaimed;
            unclaimed = null;
            take(call, handler);
        } else {
            taker = handler;
        }
        return null;
    }

    /** An {@link #awaitCall} that gave up: its handler no longer takes the next call. */
    public void stopAwaiting(IncomingCallHandler handler) {
        if (taker == handler) {
            taker = null;
        }
    }

    private void take(IncomingCall call, IncomingCallHandler handler) {
        scriptedCall = true;
        handler.onInvite(call);
    }

    /**
     * Answers the inbound call a scenario took and has not answered yet, telling {@code observer}
     * when the ACK arrives and when it ends.
     *
     * @return null once answering, or why there is nothing to answer
     */
    public String answer(CallListener observer) {
        if (!(current instanceof IncomingCall call) || !scriptedCall || call.isEnded()) {
            return "no call to answer" + (mode == AnswerMode.SCRIPTED ? ": awaitCall() takes one first" : "");
        }
        if (call.answerSent()) {
            return "the call is already answered";
        }
        watcher = observer;
        call.answer();
        return null;
    }

    /**
     * Hangs up the current call, whichever direction: BYE when answered (or answering), CANCEL for
     * an outgoing call still ringing, 480 for an inbound call still ringing.
     *
     * @param byeAnswered told the BYE's final status (null: timed out); not told without a BYE
     * @return null once hanging up, or why there is no call to hang up
     */
    public String hangup(java.util.function.Consumer<Integer> byeAnswered) {
        if (current == null || current.isEnded()) {
            return "no call to hang up" + (lastEnd == null ? "" : " (the last one ended: " + lastEnd + ")");
        }
        Call call = current;
        call.whenByeAnswered(byeAnswered);
        call.hangup();
        return null;
    }

    /** Whether the current call is answered (or being answered), so hanging it up sends a BYE. */
    public boolean hangupSendsBye() {
        return current != null && (current.isAnswered()
                || current instanceof IncomingCall in && in.answerSent());
    }

    /**
     * The scenario that drives this line has ended: the call it placed or took is hung up and an
     * {@link #awaitCall} stops waiting, so nothing it started outlives it; a scripted line then
     * turns further calls away (480). Calls the line placed or answered by itself are left alone.
     */
    public void scenarioLeft() {
        taker = null;
        if (mode == AnswerMode.SCRIPTED) {
            scenarioLeft = true;
            if (unclaimed != null) {
                unclaimed.hangup();
            }
        }
        if (scriptedCall && current != null) {
            current.hangup();
        }
    }

    private void ended(Call call, CallResult result) {
        if (current == call) {
            current = null;
            scriptedCall = false;
            lastEnd = describe(result);
        }
        if (unclaimed == call) {
            unclaimed = null;
        }
    }

    private static String describe(CallResult result) {
        return result.cause() == null ? result.outcome().name().toLowerCase(java.util.Locale.ROOT)
                : result.outcome().name().toLowerCase(java.util.Locale.ROOT) + ", " + result.cause();
    }

    public boolean busy() {
        return current != null;
    }

    /** Stops answering; a call in progress is hung up. */
    public void unplug() {
        calls.stopAnswering(handset.user());
        taker = null;
        if (current != null) {
            current.hangup();
        }
    }

    /** Keeps the line's state and passes the call's events to the scenario step watching it. */
    private class LineListener implements CallListener {

        @Override
        public void onRinging(Call call) {
            if (current == call) {
                watcher.onRinging(call);
            }
        }

        @Override
        public void onAnswered(Call call) {
            if (current == call) {
                watcher.onAnswered(call);
            }
        }

        @Override
        public void onEnded(Call call, CallResult result) {
            // current is still null while an outgoing call is being placed: it can end right there
            CallListener w = current == call || current == null ? watcher : CallListener.IGNORE;
            ended(call, result);
            if (current == null) {
                watcher = CallListener.IGNORE;
            }
            w.onEnded(call, result);
        }
    }
}
