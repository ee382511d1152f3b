package io.sipdrill.load.gatling.check;

import io.gatling.commons.validation.Validation;
import io.gatling.core.session.Session;
import io.sipdrill.load.gatling.internal.SipExpressions;
import io.sipdrill.load.sip.codec.SipResponse;
import scala.Function1;

import java.util.Objects;
import java.util.function.Function;

/**
 * Checks on a header of the final response, by its first value. Any header can be checked: the
 * protocol keeps every response's header lines (compact forms such as {@code m:} for Contact match
 * the full name).
 *
 * <pre>{@code
 * header("Contact").exists()
 * header("Expires").is("#{expires}")
 * header("Expires").saveAs("granted")
 * }</pre>
 */
public final class SipHeaderCheckBuilder {

    private final String name;
    private final String what;

    public SipHeaderCheckBuilder(String name) {
        this.name = Objects.requireNonNull(name, "header name");
        if (name.isBlank()) {
            throw new io.sipdrill.load.gatling.SipConfigurationException("header name must not be blank");
        }
        this.what = "header " + name;
    }

    /** The header is present. */
    public SipCheck exists() {
        return new SipCheck(what, this::first, (actual, s) -> actual != null ? null : "to exist", null);
    }

    /** The header is absent. */
    public SipCheck notExists() {
        return new SipCheck(what, this::first, (actual, s) -> actual == null ? null : "to be absent", null);
    }

    /** The header's first value equals {@code expected}, an EL string such as {@code "60"} or {@code "#{expires}"}. */
    public SipCheck is(String expected) {
        return is(SipExpressions.el(expected));
    }

    /** The header's first value equals what {@code expected} gives for the session. */
    public SipCheck is(Function<io.gatling.javaapi.core.Session, String> expected) {
        return is(SipExpressions.function(expected));
    }

    /** Saves the header's first value (a String) under {@code key}; fails if the header is absent. */
    public SipCheck saveAs(String key) {
        return exists().saveAs(key);
    }

    private SipCheck is(Function1<Session, Validation<String>> e) {
        return new SipCheck(what, this::first, (actual, s) -> {
            String want = SipCheck.expectation(e, s);
            return want.equals(actual) ? null : "'" + want + "'";
        }, null);
    }

    private Object first(SipResponse r) {
        return r.header(name);
    }
}
