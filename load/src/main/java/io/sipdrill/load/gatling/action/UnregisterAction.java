package io.sipdrill.load.gatling.action;

import io.gatling.commons.validation.Validation;
import io.gatling.core.action.Action;
import io.gatling.core.session.Session;
import io.gatling.core.structure.ScenarioContext;
import io.sipdrill.load.gatling.check.SipCheck;
import io.sipdrill.load.gatling.internal.SipActionBase;
import io.sipdrill.load.gatling.protocol.SipComponents;
import scala.Function1;

import java.util.List;

/** Runs an {@link UnregisterActionBuilder} step without blocking. */
final class UnregisterAction extends SipActionBase {

    private final List<SipCheck> checks;
    private final SipComponents components;

    UnregisterAction(Function1<Session, Validation<String>> requestName, List<SipCheck> checks,
                     SipComponents components, ScenarioContext ctx, Action next) {
        super("sipUnregister", requestName, ctx, next);
        this.checks = checks;
        this.components = components;
    }

    @Override
    protected String send(Session session, String requestName) {
        components.unregister(this, session, requestName, checks);
        return null;
    }
}
