package io.sipdrill.load.gatling.action;

import io.gatling.commons.validation.Validation;
import io.gatling.core.session.Session;
import io.sipdrill.load.gatling.check.SipCheck;
import io.sipdrill.load.gatling.internal.SipExpressions;
import scala.Function1;

import java.util.List;
import java.util.function.Function;

/**
 * An OPTIONS step: one OPTIONS request to the registrar through the engine's transaction layer
 * (retransmitted, Timer F timeout); a 2xx final response is OK. Immutable; made by
 * {@code SipDsl.sip(name).options()}.
 */
public final class OptionsActionBuilder implements io.gatling.javaapi.core.ActionBuilder {

    /** The From user when none is set and the session has no {@code user} attribute. */
    public static final String DEFAULT_USER = "sipdrill";

    private final Function1<Session, Validation<String>> requestName;
    private final Function1<Session, Validation<String>> user;   // null: session's "user", else DEFAULT_USER
    private final List<SipCheck> checks;

    /** Use {@code SipDsl.sip(name).options()}. */
    public OptionsActionBuilder(Function1<Session, Validation<String>> requestName) {
        this(requestName, null, List.of());
    }

    private OptionsActionBuilder(Function1<Session, Validation<String>> requestName,
                                 Function1<Session, Validation<String>> user, List<SipCheck> checks) {
        this.requestName = requestName;
        this.user = user;
        this.checks = checks;
    }

    /** The From user, as an EL string; default: the session's {@code user} if set, else {@value #DEFAULT_USER}. */
    public OptionsActionBuilder user(String user) {
        return new OptionsActionBuilder(requestName, SipExpressions.el(user), checks);
    }

    /** The From user, computed from the session. */
    public OptionsActionBuilder user(Function<io.gatling.javaapi.core.Session, String> user) {
        return new OptionsActionBuilder(requestName, SipExpressions.function(user), checks);
    }

    /** Checks on the final response. */
    public OptionsActionBuilder check(SipCheck... checks) {
        return new OptionsActionBuilder(requestName, user, SipActionSupport.plus(this.checks, checks));
    }

    @Override
    public io.gatling.core.action.builder.ActionBuilder asScala() {
        return (ctx, next) -> new OptionsAction(requestName, user, checks, SipActionSupport.components(ctx), ctx, next);
    }
}
