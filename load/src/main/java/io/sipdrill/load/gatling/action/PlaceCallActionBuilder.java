package io.sipdrill.load.gatling.action;

import io.gatling.commons.validation.Validation;
import io.gatling.core.session.Session;
import scala.Function1;

/**
 * A scripted outbound call, {@code SipDsl.sip(name).call(to)}: the virtual user's handset calls
 * {@code to} (an extension, a DDI or an external number) through the POP it is registered on.
 * OK when answered (response time: the setup time, INVITE → 2xx); KO with the status or cause when
 * the call ends unanswered (busy, unavailable, not found, timeout, or given up after ringing for the
 * protocol's give-up time). Unlike {@code dial(…)} the call then stays up: a later
 * {@code hangup()} ends it, or the other side does; a virtual user that leaves its scenario hangs
 * it up. Immutable.
 */
public final class PlaceCallActionBuilder implements io.gatling.javaapi.core.ActionBuilder {

    private final Function1<Session, Validation<String>> requestName;
    private final Function1<Session, Validation<String>> to;

    /** Use {@code SipDsl.sip(name).call(to)}. */
    public PlaceCallActionBuilder(Function1<Session, Validation<String>> requestName,
                                  Function1<Session, Validation<String>> to) {
        this.requestName = requestName;
        this.to = to;
    }

    @Override
    public io.gatling.core.action.builder.ActionBuilder asScala() {
        return (ctx, next) -> new PlaceCallAction(requestName, to, SipActionSupport.components(ctx), ctx, next);
    }
}
