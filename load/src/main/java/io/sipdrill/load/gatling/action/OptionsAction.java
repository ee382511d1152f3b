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

/** Runs an {@link OptionsActionBuilder} step without blocking. */
final class OptionsAction extends SipActionBase {

    private final Function1<Session, Validation<String>> user;
    private final List<SipCheck> checks;
    private final SipComponents components;

    OptionsAction(Function1<Session, Validation<String>> requestName, Function1<Session, Validation<String>> user,
                  List<SipCheck> checks, SipComponents components, ScenarioContext ctx, Action next) {
        super("sipOptions", requestName, ctx, next);
        this.user = user;
        this.checks = checks;
        this.components = components;
    }

    @Override
    protected String send(Session session, String requestName) {
        String from;
        if (user != null) {
            String[] error = new String[1];
            from = SipActionSupport.resolve("user", user, session, error);
            if (from == null) {
                return error[0];
            }
        } else {
            scala.Option<Object> attribute = session.attributes().get("user");
            from = attribute.isDefined() ? String.valueOf(attribute.get()) : OptionsActionBuilder.DEFAULT_USER;
        }
        components.options(this, session, requestName, from, checks);
        return null;
    }
}
