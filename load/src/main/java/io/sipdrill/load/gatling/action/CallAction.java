package io.sipdrill.load.gatling.action;

import io.gatling.commons.validation.Validation;
import io.gatling.core.action.Action;
import io.gatling.core.session.Session;
import io.gatling.core.structure.ScenarioContext;
import io.sipdrill.load.gatling.internal.SipActionBase;
import io.sipdrill.load.gatling.protocol.SipComponents;
import scala.Function1;

/** Runs a {@link CallActionBuilder} step without blocking. */
final class CallAction extends SipActionBase {

    private final Function1<Session, Validation<String>> number;
    private final CallActionBuilder.Caller caller;
    private final Function1<Session, Validation<String>> from;
    private final SipComponents components;

    CallAction(Function1<Session, Validation<String>> requestName, Function1<Session, Validation<String>> number,
               CallActionBuilder.Caller caller, Function1<Session, Validation<String>> from, SipComponents components,
               ScenarioContext ctx, Action next) {
        super(caller == CallActionBuilder.Caller.HANDSET ? "sipDial" : "sipCallDdi", requestName, ctx, next);
        this.number = number;
        this.caller = caller;
        this.from = from;
        this.components = components;
    }

    @Override
    protected String send(Session session, String requestName) {
        String[] error = new String[1];
        String to = SipActionSupport.resolve("number", number, session, error);
        if (to == null) {
            return error[0];
        }
        if (caller == CallActionBuilder.Caller.HANDSET) {
            String fromUser = null;
            if (from != null) {
                fromUser = SipActionSupport.resolve("calling user", from, session, error);
                if (fromUser == null) {
                    return error[0];
                }
            }
            components.dial(this, session, requestName, fromUser, to);
        } else {
            components.callDdi(this, session, requestName, to);
        }
        return null;
    }
}
