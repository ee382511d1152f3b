package io.sipdrill.load.gatling.action;

import io.gatling.commons.validation.Validation;
import io.gatling.core.action.Action;
import io.gatling.core.session.Session;
import io.gatling.core.structure.ScenarioContext;
import io.sipdrill.load.gatling.internal.SipActionBase;
import io.sipdrill.load.gatling.protocol.SipComponents;
import scala.Function1;

/** Runs a {@link PlaceCallActionBuilder} step without blocking. */
final class PlaceCallAction extends SipActionBase {

    private final Function1<Session, Validation<String>> to;
    private final SipComponents components;

    PlaceCallAction(Function1<Session, Validation<String>> requestName, Function1<Session, Validation<String>> to,
                    SipComponents components, ScenarioContext ctx, Action next) {
        super("sipCall", requestName, ctx, next);
        this.to = to;
        this.components = components;
    }

    @Override
    protected String send(Session session, String requestName) {
        String[] error = new String[1];
        String number = SipActionSupport.resolve("number to call", to, session, error);
        if (number == null) {
            return error[0];
        }
        components.call(this, session, requestName, number);
        return null;
    }
}
