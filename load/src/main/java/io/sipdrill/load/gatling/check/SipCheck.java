package io.sipdrill.load.gatling.check;

import io.gatling.commons.validation.Validation;
import io.gatling.core.session.Session;
import io.sipdrill.load.gatling.internal.SipExpressions;
import io.sipdrill.load.sip.codec.SipResponse;
import scala.Function1;

import java.util.Objects;
import java.util.function.Function;

/**
 * One check on a request's final response: extract a value (the status code, a header's first
 * value), validate it, and optionally save it in the session. Immutable. Build one with
 * {@code SipDsl.status()} or {@code SipDsl.header(name)}:
 *
 * <pre>{@code
 * sip("register").register()
 *     .check(status().is(200), header("Contact").exists(), header("Expires").saveAs("granted"))
 * }</pre>
 *
 * A check that fails makes the request KO with the check's message.
 */
public final class SipCheck {

    /** How a check judges the extracted value (null when absent). */
    @FunctionalInterface
    interface Validator {
        /** @return null if {@code actual} passes, otherwise what was expected (for the message) */
        String validate(Object actual, Session session);
    }

    private final String what;
    private final Function<SipResponse, Object> extractor;
    private final Validator validator;
    private final String saveAs;

    SipCheck(String what, Function<SipResponse, Object> extractor, Validator validator, String saveAs) {
        this.what = what;
        this.extractor = extractor;
        this.validator = validator;
        this.saveAs = saveAs;
    }

    /** The same check, also saving the extracted value (when it passes) under {@code key}. */
    public SipCheck saveAs(String key) {
        Objects.requireNonNull(key, "key");
        return new SipCheck(what, extractor, validator, key);
    }

    /**
     * Runs the check. {@code response} is null when none arrived (timeout).
     * Internal: called by the SIP actions on the SIP event loop.
     */
    public Result check(SipResponse response, Session session) {
        Object actual = response == null ? null : extractor.apply(response);
        String expected;
        try {
            expected = validator.validate(actual, session);
        } catch (RuntimeException e) {
            expected = "a resolvable expectation (" + e.getMessage() + ")";
        }
        if (expected != null) {
            String found = response == null ? "no response" : actual == null ? "nothing" : String.valueOf(actual);
            return new Result(false, what + ": expected " + expected + ", found " + found, null, null);
        }
        return new Result(true, null, saveAs, actual);
    }

    @Override
    public String toString() {
        return what + (saveAs == null ? "" : " saveAs " + saveAs);
    }

    /**
     * A check's verdict; on success, {@code saveAs} (possibly null) names where {@code value} goes.
     */
    public record Result(boolean passed, String message, String saveAs, Object value) {
    }

    /** Resolves an expected value; a failure to resolve is reported as part of the check's message. */
    static <T> T expectation(Function1<Session, Validation<T>> e, Session session) {
        Validation<T> v = SipExpressions.resolve(e, session);
        String failure = SipExpressions.failure(v);
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
        return SipExpressions.value(v);
    }
}
