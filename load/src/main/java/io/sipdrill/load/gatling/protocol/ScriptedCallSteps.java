package io.sipdrill.load.gatling.protocol;

import io.gatling.core.session.Session;
import io.sipdrill.load.calls.HandsetLine;
import io.sipdrill.load.gatling.internal.SipActionBase;
import io.sipdrill.load.gatling.internal.SipTxRecord;
import io.sipdrill.load.sip.call.IncomingCall;
import io.sipdrill.load.sip.call.IncomingCallHandler;
import io.sipdrill.load.time.Scheduler;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;

/**
 * The scripted call steps on the virtual user's own phone line: {@code call(to)} places a call
 * that stays up, {@code awaitCall()} waits for an inbound one, {@code answer()} answers it and
 * {@code hangup()} ends whichever is current. Each step is one statistics record; the call itself
 * is kept by the line, where the next step finds it. Runs on the SIP loop.
 */
final class ScriptedCallSteps {

    private final LongFunction<HandsetLine> lines;
    private final Scheduler scheduler;

    ScriptedCallSteps(LongFunction<HandsetLine> lines, Scheduler scheduler) {
        this.lines = lines;
        this.scheduler = scheduler;
    }

    /** OK when answered (setup time), KO when the call ends unanswered; the call then stays up. */
    void call(SipActionBase action, Session session, String name, String number) {
        HandsetLine line = lineOf(action, session, name);
        if (line != null && !line.call(number, new CallStepListener(action, session, name, action.nowMillis()))) {
            action.failNow(session, name, "busy: this handset is already on a call");
        }
    }

    /** OK when an INVITE is there (wait time; 0 when one was already ringing), KO after {@code timeout}. */
    void awaitCall(SipActionBase action, Session session, String name, Duration timeout) {
        HandsetLine line = lineOf(action, session, name);
        if (line == null) {
            return;
        }
        Await await = new Await(action, session, name, action.nowMillis());
        String refused = line.awaitCall(await);
        if (refused != null) {
            action.failNow(session, name, refused);
        } else if (!await.reported) {
            await.timer = scheduler.schedule(() -> {
                line.stopAwaiting(await);
                await.report(false, null, "no call within " + timeout.toMillis() + " ms");
            }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** OK when the ACK for our 200 arrives (200 → ACK), KO when the call ends first. */
    void answer(SipActionBase action, Session session, String name) {
        HandsetLine line = lineOf(action, session, name);
        if (line == null) {
            return;
        }
        String refused = line.answer(new CallStepListener(action, session, name, action.nowMillis()));
        if (refused != null) {
            action.failNow(session, name, refused);
        }
    }

    /**
     * OK on a 2xx to our BYE (BYE → 2xx), KO on any other answer or none. A call not answered yet
     * has no BYE to wait for: it is declined (480) or cancelled, and the step is OK at once.
     */
    void hangup(SipActionBase action, Session session, String name) {
        HandsetLine line = lineOf(action, session, name);
        if (line == null) {
            return;
        }
        long start = action.nowMillis();
        boolean bye = line.hangupSendsBye();
        String refused = line.hangup(status -> {
            boolean ok = status != null && status >= 200 && status < 300;
            report(action, session, name, start, status, ok, ok ? null
                    : status == null ? "BYE timeout: no answer" : "BYE answered " + status);
        });
        if (refused != null) {
            action.failNow(session, name, refused);
        } else if (!bye) {
            report(action, session, name, start, null, true, null);
        }
    }

    /** The virtual user left its scenario: what its steps started on its line ends with it. */
    void scenarioLeft(long userId) {
        HandsetLine line = lines.apply(userId);
        if (line != null) {
            line.scenarioLeft();
        }
    }

    private HandsetLine lineOf(SipActionBase action, Session session, String name) {
        HandsetLine line = lines.apply(session.userId());
        if (line == null) {
            action.failNow(session, name, "no handset: this virtual user has not registered");
        }
        return line;
    }

    private static void report(SipActionBase action, Session session, String name, long start, Integer code,
                               boolean ok, String message) {
        SipTxRecord record = new SipTxRecord(action, session, true, name, null, start, action.nowMillis(), code, ok,
                message);
        record.then(() -> action.proceed(session, message, Map.of()));
        action.report(record);
    }

    /** One awaitCall step: the first of "a call is there" and "timed out" decides it. */
    private static final class Await implements IncomingCallHandler {
        private final SipActionBase action;
        private final Session session;
        private final String name;
        private final long start;
        private boolean reported;
        private Scheduler.Timeout timer;

        Await(SipActionBase action, Session session, String name, long start) {
            this.action = action;
            this.session = session;
            this.name = name;
            this.start = start;
        }

        @Override
        public void onInvite(IncomingCall call) {
            if (timer != null) {
                timer.cancel();
            }
            report(true, null, null);
        }

        void report(boolean ok, Integer code, String message) {
            if (reported) {
                return;
            }
            reported = true;
            ScriptedCallSteps.report(action, session, name, start, code, ok, message);
        }
    }
}
