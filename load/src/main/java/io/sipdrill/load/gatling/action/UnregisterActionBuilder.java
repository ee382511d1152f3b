package io.sipdrill.load.gatling.action;

import io.gatling.commons.validation.Validation;
import io.gatling.core.session.Session;
import io.sipdrill.load.gatling.check.SipCheck;
import scala.Function1;

import java.util.List;

/**
 * An un-REGISTER step: the virtual user's handset sends REGISTER with {@code Expires: 0} to where it
 * is registered and stops. KO if the user has no handset (never registered, or already left).
 * Immutable; made by {@code SipDsl.sip(name).unregister()}.
 */
public final class UnregisterActionBuilder implements io.gatling.javaapi.core.ActionBuilder {

    private final Function1<Session, Validation<String>> requestName;
    private final List<SipCheck> checks;

    /** Use {@code SipDsl.sip(name).unregister()}. */
    public UnregisterActionBuilder(Function1<Session, Validation<String>> requestName) {
        this(requestName, List.of());
    }

    private UnregisterActionBuilder(Function1<Session, Validation<String>> requestName, List<SipCheck> checks) {
        this.requestName = requestName;
        this.checks = checks;
    }

    /** Checks on the final response to the un-REGISTER. */
    public UnregisterActionBuilder check(SipCheck... checks) {
        return new UnregisterActionBuilder(requestName, SipActionSupport.plus(this.checks, checks));
    }

    @Override
    public io.gatling.core.action.builder.ActionBuilder asScala() {
        return (ctx, next) -> new UnregisterAction(requestName, checks, SipActionSupport.components(ctx), ctx, next);
    }
}
