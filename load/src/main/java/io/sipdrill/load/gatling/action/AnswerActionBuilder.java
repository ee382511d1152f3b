package io.sipdrill.load.gatling.action;

import io.gatling.commons.validation.Validation;
import io.gatling.core.session.Session;
import scala.Function1;

/**
 * Answers the call {@code awaitCall()} took, {@code SipDsl.sip(name).answer()}: 200 with an SDP
 * answer (media as the protocol's RTP settings say), resent until the ACK. OK when the ACK arrives
 * (response time: 200 → ACK); KO when there is no awaited call, or the call ends first (the
 * caller gave up, no ACK). The ring time is the scenario's {@code pause(…)} before this step.
 * Immutable.
 */
public final class AnswerActionBuilder implements io.gatling.javaapi.core.ActionBuilder {

    private final Function1<Session, Validation<String>> requestName;

    /** Use {@code SipDsl.sip(name).answer()}. */
    public AnswerActionBuilder(Function1<Session, Validation<String>> requestName) {
        this.requestName = requestName;
    }

    @Override
    public io.gatling.core.action.builder.ActionBuilder asScala() {
        return (ctx, next) -> new AnswerAction(requestName, SipActionSupport.components(ctx), ctx, next);
    }
}
