package io.sipdrill.load.gatling;

import io.gatling.javaapi.core.CoreDsl;
import io.gatling.javaapi.core.FeederBuilder;
import io.gatling.javaapi.core.Session;
import io.sipdrill.load.gatling.check.SipHeaderCheckBuilder;
import io.sipdrill.load.gatling.check.SipStatusCheckBuilder;
import io.sipdrill.load.gatling.internal.SipExpressions;
import io.sipdrill.load.gatling.internal.SippUsersFile;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The SIP protocol for Gatling simulations written in Java: desk phones that register, refresh,
 * fail over to a backup POP and fail back, with every SIP transaction in Gatling's statistics.
 *
 * <pre>{@code
 * import static io.gatling.javaapi.core.CoreDsl.*;
 * import static io.sipdrill.load.gatling.SipDsl.*;
 *
 * public class RegisterSimulation extends Simulation {
 *     SipProtocolBuilder protocol = sip.registrar("127.0.1.1:5060").backup("127.0.2.1:5060").domain("sipdrill.test");
 *     ScenarioBuilder phones = scenario("phones")
 *         .feed(sippUsers("users.csv"))
 *         .exec(sip("register").register().check(status().is(200), header("Expires").saveAs("granted")))
 *         .pause(60)
 *         .exec(sip("unregister").unregister());
 *     {
 *         setUp(phones.injectOpen(rampUsers(1000).during(10))).protocols(protocol)
 *             .assertions(global().successfulRequests().percent().gt(99.0));
 *     }
 * }
 * }</pre>
 *
 * <p>Scripted calls: two users, one calls and one answers; ring and talk times are Gatling
 * pauses, so any of Gatling's pause distributions (uniform, exponential, custom) shapes them.
 * An automatic line ({@code dial}, {@code callDdi}) uses the protocol's {@code CallTimes} instead.
 *
 * <pre>{@code
 * SipProtocolBuilder protocol = sip.registrar("127.0.1.1:5060").domain("sipdrill.test")
 *     .answering(AnswerMode.SCRIPTED);                        // lines ring and wait for awaitCall()
 * ScenarioBuilder callers = scenario("callers").feed(callerUsers)
 *     .exec(sip("register").register())
 *     .exec(sip("call").call("#{callee}"))                    // OK when answered; the call stays up
 *     .pause(Duration.ofSeconds(5), Duration.ofSeconds(30))   // talk time, uniform 5–30 s
 *     .exec(sip("hang up").hangup());                         // BYE, OK on 200
 * ScenarioBuilder callees = scenario("callees").feed(calleeUsers)
 *     .exec(sip("register").register())
 *     .exec(sip("wait").awaitCall().timeout("#{waitMs}"))      // OK when an INVITE rings
 *     .pause(session -> Duration.ofMillis(session.getLong("ringMs")))  // ring time from the session
 *     .exec(sip("answer").answer())                           // 200, OK when the ACK arrives
 *     .pause(60);                 // stay: a user leaving its scenario hangs up what its steps placed or took
 * }</pre>
 *
 * <p>Statistics: each step's transactions (the digest challenge and the answer are two) are
 * logged under the step's name; what a handset does later on its own is logged as
 * {@code "REGISTER (refresh)"}, {@code "(retry)"}, {@code "(failover)"} or {@code "(failback)"}
 * under the same scenario. A 401/407 challenge is OK unless it ends the attempt (wrong password).
 *
 * <p>Live counts (handsets on the primary / backup / nowhere, engine counters): pass an observer
 * with {@code sip.registrar(…).observe(view -> …)}; it receives a
 * {@link io.sipdrill.load.gatling.protocol.SipLiveView} when the run starts the engine. Gatling
 * instantiates simulations by class name, so a launcher hands its consumer to the simulation
 * itself (a one-shot slot) and polls the view it receives.
 */
public final class SipDsl {

    /** The protocol, starting with its one required setting: {@code sip.registrar("host:port")}. */
    public static final SipProtocolBuilder.Base sip = SipProtocolBuilder.Base.INSTANCE;

    private SipDsl() {
    }

    /** A SIP request named {@code name} in the statistics (an EL string, e.g. {@code "register #{site}"}). */
    public static SipRequestBuilder sip(String name) {
        return new SipRequestBuilder(SipExpressions.el(name));
    }

    /** A SIP request whose name is computed from the session. */
    public static SipRequestBuilder sip(Function<Session, String> name) {
        return new SipRequestBuilder(SipExpressions.function(name));
    }

    /** A check on the final response's status code. */
    public static SipStatusCheckBuilder status() {
        return new SipStatusCheckBuilder();
    }

    /** A check on a header of the final response (first value; compact names match too). */
    public static SipHeaderCheckBuilder header(String name) {
        return new SipHeaderCheckBuilder(name);
    }

    /**
     * A feeder from a SIPp injection file (first line SEQUENTIAL, RANDOM or USER, then
     * {@code user;password[;more]}, {@code #} comments): records carry {@code user}, {@code password}
     * and {@code field2}, {@code field3}, …. SEQUENTIAL and USER files are fed in order and start
     * over at the end, as SIPp does ({@code .circular()}); RANDOM ones at random. Call
     * {@code .queue()} etc. on the result to choose otherwise. (As with any circular Gatling feeder,
     * {@code readRecords()} never ends; {@code recordsCount()} is fine.) Like every Gatling feeder,
     * call it while a simulation is being built.
     *
     * @throws SipConfigurationException "sipdrill: feeder file X does not exist …", or what is wrong
     *                                   with its content (file and line)
     */
    public static FeederBuilder<Object> sippUsers(Path file) {
        try {
            return feeder(SippUsersFile.read(file));
        } catch (SipConfigurationException e) {
            return deferred(e);
        }
    }

    /** As {@link #sippUsers(Path)}; {@code file} is a path, or else a class-path resource. */
    public static FeederBuilder<Object> sippUsers(String file) {
        try {
            return feeder(SippUsersFile.read(file));
        } catch (SipConfigurationException e) {
            return deferred(e);
        }
    }

    /**
     * A missing or bad feeder file is reported when the run starts (by the SIP protocol), not
     * here in the simulation's constructor, where Gatling would bury the message in stack traces.
     * The placeholder is never read: the run stops first.
     */
    private static FeederBuilder<Object> deferred(SipConfigurationException problem) {
        SipConfigurationException.defer(problem);
        return CoreDsl.listFeeder(List.of(Map.<String, Object>of("user", "", "password", ""))).circular();
    }

    private static FeederBuilder<Object> feeder(SippUsersFile file) {
        FeederBuilder<Object> feeder = CoreDsl.listFeeder(file.records());
        return file.order() == SippUsersFile.Order.RANDOM ? feeder.random() : feeder.circular();
    }
}
