package io.sipdrill.load.gatling.action;

import io.gatling.commons.validation.Validation;
import io.gatling.core.session.Session;
import io.sipdrill.load.gatling.check.SipCheck;
import io.sipdrill.load.gatling.internal.SipExpressions;
import scala.Function1;

import io.sipdrill.load.handset.FailbackMode;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A REGISTER step: the virtual user's handset registers with the registrar (answering the digest
 * challenge) and the step ends with that attempt. The handset then lives on in the background:
 * refreshes, retries, failover and failback keep landing in the statistics as
 * {@code "REGISTER (refresh)"} etc. Immutable; made by {@code SipDsl.sip(name).register()}.
 *
 * <pre>{@code
 * sip("register").register()                               // user, password from "#{user}", "#{password}"
 *     .user("#{phone}").password(session -> "pw-" + session.getString("phone"))
 *     .failback("#{failback}", "#{failbackTimeoutMs}")            // per-user failback from the feeder
 *     .check(status().is(200), header("Expires").saveAs("granted"))
 * }</pre>
 */
public final class RegisterActionBuilder implements io.gatling.javaapi.core.ActionBuilder {

    private final Function1<Session, Validation<String>> requestName;
    private final Function1<Session, Validation<String>> user;
    private final Function1<Session, Validation<String>> password;
    private final List<SipCheck> checks;
    private final FailbackOverride failback;   // null: the protocol's
    private final Function1<Session, Validation<String>> handset; // null: the virtual user's id

    /** Use {@code SipDsl.sip(name).register()}. */
    public RegisterActionBuilder(Function1<Session, Validation<String>> requestName) {
        this(requestName, SipExpressions.el("#{user}"), SipExpressions.el("#{password}"), List.of(), null, null);
    }

    private RegisterActionBuilder(Function1<Session, Validation<String>> requestName,
                                  Function1<Session, Validation<String>> user,
                                  Function1<Session, Validation<String>> password, List<SipCheck> checks,
                                  FailbackOverride failback, Function1<Session, Validation<String>> handset) {
        this.requestName = requestName;
        this.user = user;
        this.password = password;
        this.checks = checks;
        this.failback = failback;
        this.handset = handset;
    }

    /** The SIP user (From/To/Contact user part and digest user name), as an EL string; default {@code "#{user}"}. */
    public RegisterActionBuilder user(String user) {
        return new RegisterActionBuilder(requestName, SipExpressions.el(user), password, checks, failback, handset);
    }

    /** The SIP user, computed from the session. */
    public RegisterActionBuilder user(Function<io.gatling.javaapi.core.Session, String> user) {
        return new RegisterActionBuilder(requestName, SipExpressions.function(user), password, checks, failback, handset);
    }

    /** The digest password, as an EL string; default {@code "#{password}"}. */
    public RegisterActionBuilder password(String password) {
        return new RegisterActionBuilder(requestName, user, SipExpressions.el(password), checks, failback, handset);
    }

    /** The digest password, computed from the session. */
    public RegisterActionBuilder password(Function<io.gatling.javaapi.core.Session, String> password) {
        return new RegisterActionBuilder(requestName, user, SipExpressions.function(password), checks, failback, handset);
    }

    /** Checks on the attempt's last response (the 200, or whatever ended it); a failed check makes the step KO. */
    public RegisterActionBuilder check(SipCheck... checks) {
        return new RegisterActionBuilder(requestName, user, password, SipActionSupport.plus(this.checks, checks),
                failback, handset);
    }

    /**
     * This user's failback behaviour instead of the protocol's, as EL strings: the mode's token
     * ({@code registration}, {@code duration}, {@code never}) and the timeout in milliseconds
     * (drill time), e.g. {@code failback("#{failback}", "#{failbackTimeoutMs}")} from a feeder.
     * It applies when the step creates the user's handset.
     */
    public RegisterActionBuilder failback(String mode, String timeoutMillis) {
        return withFailback(new FailbackOverride(SipExpressions.el(mode), SipExpressions.el(timeoutMillis)));
    }

    /** This user's failback behaviour instead of the protocol's, fixed. */
    public RegisterActionBuilder failback(FailbackMode mode, Duration timeout) {
        return withFailback(new FailbackOverride(SipExpressions.constant(Objects.requireNonNull(mode, "mode")),
                SipExpressions.constant(Objects.requireNonNull(timeout, "timeout"))));
    }

    /** This user's failback behaviour instead of the protocol's, computed from the session. */
    public RegisterActionBuilder failback(Function<io.gatling.javaapi.core.Session, FailbackMode> mode,
                                          Function<io.gatling.javaapi.core.Session, Duration> timeout) {
        return withFailback(new FailbackOverride(SipExpressions.function(mode), SipExpressions.function(timeout)));
    }

    private RegisterActionBuilder withFailback(FailbackOverride override) {
        return new RegisterActionBuilder(requestName, user, password, checks, override, handset);
    }

    /**
     * The handset's index in the numbering plan, as an EL string resolving to a whole number
     * (e.g. {@code "#{handset}"} from a feeder): the journal's {@code h} and the seed of its refresh
     * timing. Default: the virtual user's id, which is only unique within one injector, so
     * sharded runs (several injectors, one report) set it to the handset's global index.
     */
    public RegisterActionBuilder handset(String index) {
        return new RegisterActionBuilder(requestName, user, password, checks, failback, SipExpressions.el(index));
    }

    /** The handset's index in the numbering plan, computed from the session. */
    public RegisterActionBuilder handset(Function<io.gatling.javaapi.core.Session, Integer> index) {
        return new RegisterActionBuilder(requestName, user, password, checks, failback,
                SipExpressions.function(session -> String.valueOf(index.apply(session))));
    }

    @Override
    public io.gatling.core.action.builder.ActionBuilder asScala() {
        return (ctx, next) -> new RegisterAction(requestName, user, password, checks, failback, handset,
                SipActionSupport.components(ctx), ctx, next);
    }
}
