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

/** Runs a {@link RegisterActionBuilder} step: hands the registration to the protocol's engine and returns at once. */
final class RegisterAction extends SipActionBase {

    private final Function1<Session, Validation<String>> user;
    private final Function1<Session, Validation<String>> password;
    private final List<SipCheck> checks;
    private final FailbackOverride failback;
    private final SipComponents components;

    RegisterAction(Function1<Session, Validation<String>> requestName, Function1<Session, Validation<String>> user,
                   Function1<Session, Validation<String>> password, List<SipCheck> checks, FailbackOverride failback,
                   SipComponents components, ScenarioContext ctx, Action next) {
        super("sipRegister", requestName, ctx, next);
        this.user = user;
        this.password = password;
        this.checks = checks;
        this.failback = failback;
        this.components = components;
    }

    @Override
    protected String send(Session session, String requestName) {
        String[] error = new String[1];
        String u = SipActionSupport.resolve("user", user, session, error);
        String p = u == null ? null : SipActionSupport.resolve("password", password, session, error);
        if (p == null) {
            return error[0];
        }
        FailbackOverride.Resolved fb = null;
        if (failback != null) {
            fb = failback.resolve(session, error);
            if (fb == null) {
                return error[0];
            }
        }
        components.register(this, session, requestName, u, p, checks,
                fb == null ? null : fb.mode(), fb == null ? null : fb.timeout());
        return null;
    }
}
