package io.sipdrill.load.gatling.check;

import io.gatling.commons.validation.Validation;
import io.gatling.core.session.Session;
import io.sipdrill.load.gatling.internal.SipExpressions;
import io.sipdrill.load.sip.codec.SipResponse;
import scala.Function1;

import java.util.Arrays;
import java.util.function.Function;

/**
 * Checks on the final response's status code: {@code status().is(200)}, {@code status().in(200, 202)},
 * {@code status().saveAs("code")}.
 */
public final class SipStatusCheckBuilder {

    private static final String WHAT = "status";

    public SipStatusCheckBuilder() {
    }

    /** The status is exactly {@code code}. */
    public SipCheck is(int code) {
        return new SipCheck(WHAT, SipStatusCheckBuilder::status,
                (actual, s) -> Integer.valueOf(code).equals(actual) ? null : Integer.toString(code), null);
    }

    /** The status equals what {@code expected} gives for the session. */
    public SipCheck is(Function<io.gatling.javaapi.core.Session, Integer> expected) {
        Function1<Session, Validation<Integer>> e = SipExpressions.function(expected);
        return new SipCheck(WHAT, SipStatusCheckBuilder::status, (actual, s) -> {
            Integer want = SipCheck.expectation(e, s);
            return want.equals(actual) ? null : want.toString();
        }, null);
    }

    /** The status is one of {@code codes}. */
    public SipCheck in(int... codes) {
        int[] copy = codes.clone();
        return new SipCheck(WHAT, SipStatusCheckBuilder::status, (actual, s) -> {
            for (int c : copy) {
                if (Integer.valueOf(c).equals(actual)) {
                    return null;
                }
            }
            return "one of " + Arrays.toString(copy);
        }, null);
    }

    /** The status is anything but {@code code}. */
    public SipCheck not(int code) {
        return new SipCheck(WHAT, SipStatusCheckBuilder::status,
                (actual, s) -> actual != null && !Integer.valueOf(code).equals(actual) ? null : "not " + code, null);
    }

    /** Saves the status code (an Integer) under {@code key}; fails only if no response arrived. */
    public SipCheck saveAs(String key) {
        return new SipCheck(WHAT, SipStatusCheckBuilder::status,
                (actual, s) -> actual != null ? null : "a response", null).saveAs(key);
    }

    private static Object status(SipResponse r) {
        return r.statusCode();
    }
}
