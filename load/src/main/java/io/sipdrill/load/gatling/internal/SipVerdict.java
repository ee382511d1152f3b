package io.sipdrill.load.gatling.internal;

import io.gatling.core.session.Session;
import io.sipdrill.load.gatling.check.SipCheck;
import io.sipdrill.load.sip.codec.SipResponse;
import io.sipdrill.load.sip.transaction.TransactionOutcome;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How a request ended for Gatling: null {@code failure} is OK; {@code saves} are the values the
 * checks saved. Also the rules shared by every SIP action for judging one transaction.
 */
public record SipVerdict(String failure, Map<String, Object> saves) {

    /** Runs {@code checks} in order on the final response; the first that fails decides the verdict. */
    public static SipVerdict of(List<SipCheck> checks, SipResponse response, Session session) {
        Map<String, Object> saves = new HashMap<>();
        for (SipCheck check : checks) {
            SipCheck.Result r = check.check(response, session);
            if (!r.passed()) {
                return new SipVerdict(r.message(), Map.of());
            }
            if (r.saveAs() != null && r.value() != null) {
                saves.put(r.saveAs(), r.value());
            }
        }
        return new SipVerdict(null, saves);
    }

    public static SipVerdict failed(String failure) {
        return new SipVerdict(failure, Map.of());
    }

    /**
     * Why one transaction counts as KO, or null if it is OK. A final 2xx is OK; when
     * {@code negotiation} is set, so are 401/407 (a digest challenge, the expected first half of an
     * authenticated request) and 423 (Min-Expires, retried at once): they only turn KO if they end
     * the attempt.
     */
    public static String transactionFailure(TransactionOutcome outcome, SipResponse response, boolean negotiation) {
        return switch (outcome) {
            case TIMEOUT -> "timeout";
            case TRANSPORT_ERROR -> "transport error";
            case RESPONSE -> {
                int code = response.statusCode();
                boolean ok = response.isSuccess()
                        || negotiation && (code == 401 || code == 407 || code == 423);
                yield ok ? null : describe(response);
            }
        };
    }

    /** {@code "403 Forbidden"}; "no response" for null. */
    public static String describe(SipResponse response) {
        if (response == null) {
            return "no response";
        }
        return response.reason() == null || response.reason().isEmpty()
                ? Integer.toString(response.statusCode())
                : response.statusCode() + " " + response.reason();
    }
}
