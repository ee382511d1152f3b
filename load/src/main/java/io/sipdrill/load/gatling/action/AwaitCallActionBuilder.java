package io.sipdrill.load.gatling.action;

import io.gatling.commons.validation.Validation;
import io.gatling.core.session.Session;
import io.sipdrill.load.gatling.internal.SipExpressions;
import scala.Function1;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * Waits for an inbound call, {@code SipDsl.sip(name).awaitCall()}: OK as soon as an INVITE for the
 * virtual user's handset is there (response time: the wait, 0 when one was already ringing), KO
 * when none arrives within the timeout ({@value #DEFAULT_TIMEOUT_SECONDS} s unless set). The call
 * keeps ringing (180) until {@code answer()} or {@code hangup()}. Needs
 * {@code sip.registrar(…).answering(AnswerMode.SCRIPTED)}: an automatic line answers by itself,
 * and the step is KO there. Immutable.
 */
public final class AwaitCallActionBuilder implements io.gatling.javaapi.core.ActionBuilder {

    static final long DEFAULT_TIMEOUT_SECONDS = 60;

    private final Function1<Session, Validation<String>> requestName;
    private final DurationValue timeout;

    /** Use {@code SipDsl.sip(name).awaitCall()}. */
    public AwaitCallActionBuilder(Function1<Session, Validation<String>> requestName) {
        this(requestName, new DurationValue("awaitCall timeout",
                SipExpressions.constant(Duration.ofSeconds(DEFAULT_TIMEOUT_SECONDS))));
    }

    private AwaitCallActionBuilder(Function1<Session, Validation<String>> requestName, DurationValue timeout) {
        this.requestName = requestName;
        this.timeout = timeout;
    }

    /** How long to wait for a call. */
    public AwaitCallActionBuilder timeout(Duration timeout) {
        return withTimeout(SipExpressions.constant(Objects.requireNonNull(timeout, "timeout")));
    }

    /** How long to wait, as an EL string: milliseconds or an ISO-8601 duration, e.g. {@code "#{waitMs}"}. */
    public AwaitCallActionBuilder timeout(String timeout) {
        return withTimeout(SipExpressions.el(timeout));
    }

    /** How long to wait, computed from the session. */
    public AwaitCallActionBuilder timeout(Function<io.gatling.javaapi.core.Session, Duration> timeout) {
        return withTimeout(SipExpressions.function(timeout));
    }

    private AwaitCallActionBuilder withTimeout(Function1<Session, ? extends Validation<?>> e) {
        return new AwaitCallActionBuilder(requestName, new DurationValue("awaitCall timeout", e));
    }

    @Override
    public io.gatling.core.action.builder.ActionBuilder asScala() {
        return (ctx, next) -> new AwaitCallAction(requestName, timeout, SipActionSupport.components(ctx), ctx, next);
    }
}
