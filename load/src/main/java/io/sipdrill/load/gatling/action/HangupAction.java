package io.sipdrill.load.gatling.action;

import io.gatling.commons.validation.Validation;
import io.gatling.core.action.Action;
import io.gatling.core.session.Session;
import io.gatling.core.structure.ScenarioContext;
import io.sipdrill.load.gatling.internal.SipActionBase;
import io.sipdrill.load.gatling.protocol.SipComponents;
import scala.Function1;

/** Runs a {@link HangupActionBuilder} step without blocking. */
final class HangupAction extends SipActionBase {

    private final SipComponents components;

    HangupAction(Function1<Session, Validation<String>> requestName, SipComponents components, ScenarioContext ctx,
                 Action next) {
        super("sipHangup", requestName, ctx, next);
        this.components = components;
    }

    @Override
    protected String send(Session session, String requestName) {
        components.hangup(this, session, requestName);
        return null;
    }
}
