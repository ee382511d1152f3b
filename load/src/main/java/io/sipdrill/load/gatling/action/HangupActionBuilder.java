package io.sipdrill.load.gatling.action;

import io.gatling.commons.validation.Validation;
import io.gatling.core.session.Session;
import scala.Function1;

/**
 * Hangs up the virtual user's current call, whichever direction it went,
 * {@code SipDsl.sip(name).hangup()}: BYE, OK on its 2xx (response time: BYE → 2xx), KO on another
 * answer, a timeout, or when there is no call ("no call to hang up", e.g. the other side hung up
 * first). A call not answered yet is declined (480) or cancelled instead, OK at once. The talk
 * time is the scenario's {@code pause(…)} before this step. Immutable.
 */
public final class HangupActionBuilder implements io.gatling.javaapi.core.ActionBuilder {

    private final Function1<Session, Validation<String>> requestName;

    /** Use {@code SipDsl.sip(name).hangup()}. */
    public HangupActionBuilder(Function1<Session, Validation<String>> requestName) {
        this.requestName = requestName;
    }

    @Override
    public io.gatling.core.action.builder.ActionBuilder asScala() {
        return (ctx, next) -> new HangupAction(requestName, SipActionSupport.components(ctx), ctx, next);
    }
}
