package io.sipdrill.load.gatling.action;

import io.gatling.commons.validation.Validation;
import io.gatling.core.session.Session;
import io.sipdrill.load.gatling.internal.SipExpressions;
import io.sipdrill.load.handset.FailbackMode;
import scala.Function1;

import java.time.Duration;

/**
 * A register step's own failback behaviour (a population mix gives each user its own). The mode
 * resolves to a {@link FailbackMode} or its token ({@code registration|duration|never}); the
 * timeout to a {@link Duration} or a number of milliseconds (drill time, used as given).
 */
record FailbackOverride(Function1<Session, ? extends Validation<?>> mode,
                        Function1<Session, ? extends Validation<?>> timeout) {

    /** A resolved override. */
    record Resolved(FailbackMode mode, Duration timeout) {
    }

    /**
     * @return the mode and timeout, or null after putting the reason in {@code error[0]}
     */
    Resolved resolve(Session session, String[] error) {
        Object m = value("failback mode", mode, session, error);
        Object t = m == null ? null : value("failback timeout", timeout, session, error);
        if (t == null) {
            return null;
        }
        try {
            FailbackMode fm = m instanceof FailbackMode f ? f : FailbackMode.fromToken(String.valueOf(m).strip());
            Duration d;
            if (t instanceof Duration duration) {
                d = duration;
            } else if (t instanceof Number n) {
                d = Duration.ofMillis(n.longValue());
            } else {
                d = Duration.ofMillis(Long.parseLong(String.valueOf(t).strip()));
            }
            if (d.isNegative()) {
                throw new IllegalArgumentException("failback timeout must not be negative: " + d);
            }
            return new Resolved(fm, d);
        } catch (IllegalArgumentException e) { // includes NumberFormatException
            error[0] = e instanceof NumberFormatException
                    ? "failback timeout is not a number of milliseconds: '" + t + "'" : e.getMessage();
            return null;
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object value(String what, Function1<Session, ? extends Validation<?>> e, Session session,
                                String[] error) {
        Validation<?> v = SipExpressions.resolve((Function1) e, session);
        String failure = SipExpressions.failure(v);
        if (failure != null) {
            error[0] = "cannot resolve the " + what + ": " + failure;
            return null;
        }
        Object value = SipExpressions.value(v);
        if (value == null) {
            error[0] = "the " + what + " is empty";
        }
        return value;
    }
}
