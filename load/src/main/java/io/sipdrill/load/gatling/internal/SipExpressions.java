package io.sipdrill.load.gatling.internal;

import io.gatling.commons.validation.Failure;
import io.gatling.commons.validation.Success;
import io.gatling.commons.validation.Validation;
import io.gatling.core.session.Session;
import io.gatling.javaapi.core.internal.Expressions;
import scala.Function1;

import java.util.Objects;
import java.util.function.Function;

/**
 * The one place that turns DSL values into Gatling expressions: an EL string ({@code "#{user}"})
 * or a {@code Function<Session, T>}. It leans on Gatling's internal {@code Expressions} class; if
 * that moves in a Gatling upgrade, this file is the only one to fix.
 */
public final class SipExpressions {

    private SipExpressions() {
    }

    /** A Gatling expression: resolves against a session to a value or a failure message. */
    public static <T> Function1<Session, Validation<T>> constant(T value) {
        return Expressions.toStaticValueExpression(value);
    }

    /** An EL string such as {@code "#{user}"} or {@code "pw-#{user}"}; a plain string resolves to itself. */
    public static Function1<Session, Validation<String>> el(String el) {
        Objects.requireNonNull(el, "expression");
        return Expressions.toStringExpression(el);
    }

    /** A function of the (Java) session; an exception it throws becomes a failure with its message. */
    public static <T> Function1<Session, Validation<T>> function(Function<io.gatling.javaapi.core.Session, T> f) {
        Objects.requireNonNull(f, "function");
        return Expressions.javaFunctionToExpression(f);
    }

    /** The value of a successful resolution; call only after {@link #failure} returned null. */
    @SuppressWarnings("unchecked")
    public static <T> T value(Validation<T> v) {
        return ((Success<T>) v).value();
    }

    /** The failure message, or null if {@code v} succeeded. */
    public static String failure(Validation<?> v) {
        if (v instanceof Success<?>) {
            return null;
        }
        return v instanceof Failure f ? f.message() : String.valueOf(v);
    }

    /** Resolves {@code e}, turning a thrown exception into a failure message rather than losing the user. */
    public static <T> Validation<T> resolve(Function1<Session, Validation<T>> e, Session session) {
        try {
            Validation<T> v = e.apply(session);
            return v == null ? fail("expression resolved to nothing") : v;
        } catch (RuntimeException ex) {
            return fail(ex.getClass().getSimpleName() + ": " + ex.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    public static <T> Validation<T> fail(String message) {
        return (Validation<T>) (Validation<?>) Failure.apply(message);
    }
}
