package io.sipdrill.environments.embedded.pbx;

import io.sipdrill.load.sip.call.Call;
import io.sipdrill.load.sip.call.CallLayer;
import io.sipdrill.load.sip.call.CallListener;
import io.sipdrill.load.sip.call.CallResult;
import io.sipdrill.load.sip.call.IncomingCall;
import io.sipdrill.load.sip.call.OutgoingCall;
import io.sipdrill.load.sip.transport.LocalSocket;
import io.sipdrill.load.time.Scheduler;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One call through the PBX: the caller's leg and the legs it rings (two for a ring group, then
 * voicemail). The first leg to answer wins and the others are cancelled; its SDP answers the
 * caller, so RTP flows end to end. Whoever hangs up, the other side is hung up too. On the loop.
 */
final class BridgedCall {

    private final CallLayer calls;
    private final LocalSocket socket;
    private final PbxConfig config;
    private final IncomingCall caller;
    private final List<OutgoingCall> ringing = new ArrayList<>(2);
    private OutgoingCall answered;
    private boolean toVoicemail;
    private Scheduler.Timeout noAnswer;
    private String voicemailBox;

    BridgedCall(CallLayer calls, LocalSocket socket, PbxConfig config, IncomingCall caller) {
        this.calls = calls;
        this.socket = socket;
        this.config = config;
        this.caller = caller;
    }

    void route() {
        caller.listener((c, result) -> callerEnded());
        PbxRoute route = PbxRoute.of(caller.calledUser());
        if (route.isUnknown()) {
            caller.reject(404, "Not Found");
            return;
        }
        if (route.external()) {
            // The carrier's own answer or failure is the caller's: no voicemail for external numbers.
            ring(caller.calledUser(), config.carrier());
            return;
        }
        voicemailBox = "vm-" + route.extensions().get(0);
        for (String extension : route.extensions()) {
            ring(extension, config.pop());
        }
        noAnswer = caller.scheduler().schedule(this::toVoicemail, config.noAnswer().toNanos(), TimeUnit.NANOSECONDS);
    }

    private void ring(String user, InetSocketAddress via) {
        OutgoingCall leg = calls.call(socket, caller.callingUser(), user, via, new CallListener() {
            @Override
            public void onRinging(Call call) {
                caller.ring();
            }

            @Override
            public void onAnswered(Call call) {
                legAnswered((OutgoingCall) call);
            }

            @Override
            public void onEnded(Call call, CallResult result) {
                legEnded((OutgoingCall) call, result);
            }
        }, caller.offerSdp());
        ringing.add(leg);
    }

    private void legAnswered(OutgoingCall leg) {
        if (answered != null || caller.isEnded()) {
            leg.hangup(); // too late: someone else answered, or the caller gave up
            return;
        }
        answered = leg;
        cancel(noAnswer);
        for (OutgoingCall other : ringing) {
            if (other != leg) {
                other.hangup();
            }
        }
        caller.answerAs(leg.answeredBy() == null ? caller.calledUser() : leg.answeredBy());
        caller.answer(leg.answerSdp());
    }

    private void legEnded(OutgoingCall leg, CallResult result) {
        ringing.remove(leg);
        if (leg == answered) {
            caller.hangup(); // the callee hung up: end the caller's side too
            return;
        }
        if (answered != null || caller.isEnded() || !ringing.isEmpty()) {
            return;
        }
        // Every leg failed: voicemail for a DDI; the far end's answer for an external call.
        if (voicemailBox != null && !toVoicemail) {
            toVoicemail();
        } else {
            int code = result.code() == null ? 480 : result.code();
            caller.reject(code >= 400 ? code : 480, code == 486 ? "Busy Here" : "Temporarily Unavailable");
        }
    }

    private void toVoicemail() {
        if (answered != null || caller.isEnded() || toVoicemail) {
            return;
        }
        toVoicemail = true;
        for (OutgoingCall leg : List.copyOf(ringing)) {
            leg.hangup(); // CANCEL what still rings
        }
        ring(voicemailBox, config.voicemail());
    }

    private void callerEnded() {
        cancel(noAnswer);
        if (answered != null) {
            answered.hangup();
        }
        for (OutgoingCall leg : List.copyOf(ringing)) {
            leg.hangup();
        }
    }

    private static void cancel(Scheduler.Timeout t) {
        if (t != null) {
            t.cancel();
        }
    }

}
