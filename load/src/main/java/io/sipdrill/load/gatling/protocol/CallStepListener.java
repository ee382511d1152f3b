package io.sipdrill.load.gatling.protocol;

import io.gatling.core.session.Session;
import io.sipdrill.load.gatling.internal.SipActionBase;
import io.sipdrill.load.gatling.internal.SipTxRecord;
import io.sipdrill.load.sip.call.Call;
import io.sipdrill.load.sip.call.CallListener;
import io.sipdrill.load.sip.call.CallOutcome;
import io.sipdrill.load.sip.call.CallResult;

import java.util.Locale;
import java.util.Map;

/**
 * Turns a call's answer (or its unanswered end) into a step's one statistics record: OK when the
 * call is answered (the caller got the 2xx, or the callee the ACK), KO with the cause when it ends
 * first. Whatever the call does afterwards is not this step's business.
 */
final class CallStepListener implements CallListener {

    private final SipActionBase action;
    private final Session session;
    private final String name;
    private final long start;
    private boolean reported;

    CallStepListener(SipActionBase action, Session session, String name, long start) {
        this.action = action;
        this.session = session;
        this.name = name;
        this.start = start;
    }

    @Override
    public void onAnswered(Call call) {
        report(true, 200, null);
    }

    @Override
    public void onEnded(Call call, CallResult result) {
        if (result.outcome() == CallOutcome.ANSWERED) {
            report(true, result.code(), null);
        } else {
            report(false, result.code(), "call " + result.outcome().name().toLowerCase(Locale.ROOT)
                    + ": " + result.cause());
        }
    }

    private void report(boolean ok, Integer code, String message) {
        if (reported) {
            return;
        }
        reported = true;
        SipTxRecord record = new SipTxRecord(action, session, true, name, null, start, action.nowMillis(), code, ok,
                message);
        record.then(() -> action.proceed(session, ok ? null : message, Map.of()));
        action.report(record);
    }
}
