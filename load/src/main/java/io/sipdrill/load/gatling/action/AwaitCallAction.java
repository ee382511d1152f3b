package io.sipdrill.load.gatling.action;

import io.gatling.commons.validation.Validation;
import io.gatling.core.action.Action;
import io.gatling.core.session.Session;
import io.gatling.core.structure.ScenarioContext;
import io.sipdrill.load.gatling.internal.SipActionBase;
import io.sipdrill.load.gatling.protocol.SipComponents;
import scala.Function1;

import java.time.Duration;

/** Runs an {@link AwaitCallActionBuilder} step without blocking. */
final class AwaitCallAction extends SipActionBase {

    private final DurationValue timeout;
    private final SipComponents components;

    AwaitCallAction(Function1<Session, Validation<String>> requestName, DurationValue timeout,
                    SipComponents components, ScenarioContext ctx, Action next) {
        super("sipAwaitCall", requestName, ctx, next);
        this.timeout = timeout;
        this.components = components;
    }

    @Override
    protected String send(Session session, String requestName) {
        String[] error = new String[1];
        Duration wait = timeout.resolve(session, error);
        if (wait == null) {
            return error[0];
        }
        components.awaitCall(this, session, requestName, wait);
        return null;
    }
}
