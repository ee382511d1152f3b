package io.sipdrill.load.gatling.action;

import io.gatling.commons.validation.Validation;
import io.gatling.core.session.Session;
import io.sipdrill.load.gatling.internal.SipExpressions;
import scala.Function1;

/**
 * A call step. {@code SipDsl.sip(name).dial(number)}: the virtual user's handset calls
 * {@code number} through the POP it is registered on. {@code SipDsl.sip(name).callDdi(ddi)}: the
 * carrier calls a DDI at the POP DDI routing points at. Either way the step is OK when the call
 * is answered (its response time is the setup time, INVITE → 2xx) and KO when it ends unanswered
 * (busy, unavailable, timeout, cancelled after the ring time); the caller hangs up on its own
 * after the talk time. Immutable.
 */
public final class CallActionBuilder implements io.gatling.javaapi.core.ActionBuilder {

    /** Who places the call. */
    public enum Caller { HANDSET, CARRIER }

    private final Function1<Session, Validation<String>> requestName;
    private final Function1<Session, Validation<String>> number;
    private final Caller caller;
    private final Function1<Session, Validation<String>> from; // null: the virtual user's own handset

    /** Use {@code SipDsl.sip(name).dial(number)} or {@code .callDdi(ddi)}. */
    public CallActionBuilder(Function1<Session, Validation<String>> requestName, String number, Caller caller) {
        this(requestName, SipExpressions.el(number), caller, null);
    }

    private CallActionBuilder(Function1<Session, Validation<String>> requestName,
                              Function1<Session, Validation<String>> number, Caller caller,
                              Function1<Session, Validation<String>> from) {
        this.requestName = requestName;
        this.number = number;
        this.caller = caller;
        this.from = from;
    }

    /**
     * Dials from another virtual user's handset, named by its SIP user (an EL string such as
     * {@code "#{caller}"}): a call-traffic scenario picks registered handsets at random this way.
     */
    public CallActionBuilder from(String user) {
        if (caller != Caller.HANDSET) {
            throw new io.sipdrill.load.gatling.SipConfigurationException("from(…) goes with dial(…): the carrier calls from itself");
        }
        return new CallActionBuilder(requestName, number, caller, SipExpressions.el(user));
    }

    @Override
    public io.gatling.core.action.builder.ActionBuilder asScala() {
        return (ctx, next) -> new CallAction(requestName, number, caller, from, SipActionSupport.components(ctx), ctx, next);
    }
}
