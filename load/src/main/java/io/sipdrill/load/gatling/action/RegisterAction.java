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
    private final Function1<Session, Validation<String>> handset; // null: the virtual user's id
    private final SipComponents components;

    RegisterAction(Function1<Session, Validation<String>> requestName, Function1<Session, Validation<String>> user,
                   Function1<Session, Validation<String>> password, List<SipCheck> checks, FailbackOverride failback,
                   Function1<Session, Validation<String>> handset, SipComponents components, ScenarioContext ctx, Action next) {
        super("sipRegister", requestName, ctx, next);
        this.user = user;
        this.password = password;
        this.checks = checks;
        this.failback = failback;
        this.handset = handset;
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
        Integer index = null;
        if (handset != null) {
            String text = SipActionSupport.resolve("handset index", handset, session, error);
            if (text == null) {
                return error[0];
            }
            try {
                index = Integer.valueOf(text.strip());
            } catch (NumberFormatException e) {
                return "the handset index is not a whole number: '" + text + "'";
            }
            if (index < 0) {
                return "the handset index must not be negative: " + index;
            }
        }
        components.register(this, session, requestName, u, p, checks,
                fb == null ? null : fb.mode(), fb == null ? null : fb.timeout(), index);
        return null;
    }
}
