package io.sipdrill.load.gatling.action;

import io.gatling.commons.validation.Validation;
import io.gatling.core.session.Session;
import io.gatling.core.structure.ScenarioContext;
import io.sipdrill.load.gatling.check.SipCheck;
import io.sipdrill.load.gatling.internal.SipExpressions;
import io.sipdrill.load.gatling.protocol.SipComponents;
import io.sipdrill.load.gatling.protocol.SipProtocol;
import scala.Function1;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** Small helpers the action builders and actions share. */
final class SipActionSupport {

    private SipActionSupport() {
    }

    static SipComponents components(ScenarioContext ctx) {
        return ctx.protocolComponentsRegistry().components(SipProtocol.KEY);
    }

    static List<SipCheck> plus(List<SipCheck> existing, SipCheck... more) {
        List<SipCheck> all = new ArrayList<>(existing);
        for (SipCheck c : Arrays.asList(more)) {
            all.add(Objects.requireNonNull(c, "check"));
        }
        return List.copyOf(all);
    }

    /**
     * Resolves a string value of the request.
     *
     * @return the value, or null after putting the reason in {@code error[0]}
     */
    static String resolve(String what, Function1<Session, Validation<String>> e, Session session, String[] error) {
        Validation<String> v = SipExpressions.resolve(e, session);
        String failure = SipExpressions.failure(v);
        if (failure != null) {
            error[0] = "cannot resolve the " + what + ": " + failure;
            return null;
        }
        String value = SipExpressions.value(v);
        if (value == null || value.isEmpty()) {
            error[0] = "the " + what + " is empty";
            return null;
        }
        return value;
    }
}
