package io.sipdrill.load.gatling;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.sipdrill.load.gatling.SipDsl.sip;
import static io.sipdrill.load.gatling.SipDsl.sippUsers;

/** Simulations with one configuration mistake each, run by {@link MisconfiguredSimulationTest}. */
public final class MisconfiguredSimulations {

    private MisconfiguredSimulations() {
    }

    /** A registrar port out of range. */
    public static class BadRegistrar extends Simulation {
        ScenarioBuilder phones = scenario("phones")
                .exec(session -> session.set("user", "1").set("password", "pw-1"))
                .exec(sip("REGISTER").register());

        {
            setUp(phones.injectOpen(atOnceUsers(1))).protocols(sip.registrar("127.0.62.1:70000"));
        }
    }

    /** A registrar outside loopback, not allowed. */
    public static class ForeignRegistrar extends Simulation {
        ScenarioBuilder phones = scenario("phones")
                .exec(session -> session.set("user", "1").set("password", "pw-1"))
                .exec(sip("REGISTER").register());

        {
            setUp(phones.injectOpen(atOnceUsers(1))).protocols(sip.registrar("192.0.2.10:5060"));
        }
    }

    /** A feeder file that does not exist. */
    public static class MissingFeeder extends Simulation {
        ScenarioBuilder phones = scenario("phones")
                .feed(sippUsers("gatling/no-such-users.csv"))
                .exec(sip("REGISTER").register());

        {
            setUp(phones.injectOpen(atOnceUsers(1))).protocols(sip.registrar("127.0.62.1:5060"));
        }
    }
}
