package io.sipdrill.load.gatling.action;

import io.gatling.commons.validation.Validation;
import io.gatling.core.session.Session;
import io.sipdrill.load.gatling.internal.SipExpressions;
import scala.Function1;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * A step's duration setting: an expression that resolves to a {@link Duration}, a number of
 * milliseconds, or a string holding either ({@code "1500"}, {@code "PT1.5S"}), so an EL string
 * such as {@code "#{timeoutMs}"} reads a feeder column as it stands.
 */
record DurationValue(String what, Function1<Session, ? extends Validation<?>> expression) {

    /**
     * @return the positive duration, or null after putting the reason in {@code error[0]}
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    Duration resolve(Session session, String[] error) {
        Validation<?> v = SipExpressions.resolve((Function1) expression, session);
        String failure = SipExpressions.failure(v);
        if (failure != null) {
            error[0] = "cannot resolve the " + what + ": " + failure;
            return null;
        }
        Object value = SipExpressions.value(v);
        Duration d;
        try {
            if (value instanceof Duration duration) {
                d = duration;
            } else if (value instanceof Number n) {
                d = Duration.ofMillis(n.longValue());
            } else {
                String text = String.valueOf(value).strip();
                d = text.startsWith("P") || text.startsWith("p") ? Duration.parse(text)
                        : Duration.ofMillis(Long.parseLong(text));
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            error[0] = "the " + what + " is neither milliseconds nor an ISO-8601 duration: '" + value + "'";
            return null;
        }
        if (d.isNegative() || d.isZero()) {
            error[0] = "the " + what + " must be positive: " + d;
            return null;
        }
        return d;
    }
}
