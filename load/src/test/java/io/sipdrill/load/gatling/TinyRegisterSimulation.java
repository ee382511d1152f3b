package io.sipdrill.load.gatling;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

import java.time.Duration;

import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.sipdrill.load.gatling.SipDsl.header;
import static io.sipdrill.load.gatling.SipDsl.sip;
import static io.sipdrill.load.gatling.SipDsl.sippUsers;
import static io.sipdrill.load.gatling.SipDsl.status;

/**
 * 20 handsets register (digest), probe with OPTIONS, hold their registration for 2 s (a 3 s
 * expiry, so some refresh in the background meanwhile) and unregister. Run by
 * {@link TinySimulationTest} against its {@link TestRegistrar}; the address comes from the
 * {@value #REGISTRAR_PROPERTY} system property.
 */
public class TinyRegisterSimulation extends Simulation {

    static final String REGISTRAR_PROPERTY = "sipdrill.test.registrar";

    SipProtocolBuilder protocol = sip.registrar(System.getProperty(REGISTRAR_PROPERTY, "127.0.61.1:5060"))
            .domain("sipdrill.test")
            .localAddress("127.0.61.10")
            .sockets(2)
            .expires(Duration.ofSeconds(3));

    ScenarioBuilder phones = scenario("phones")
            .feed(sippUsers("gatling/tiny-users.csv"))
            .exec(sip("register").register()
                    .check(status().is(200), header("Contact").exists(), header("Expires").saveAs("granted")))
            .exec(sip("options").options().check(status().is(200)))
            .pause(Duration.ofSeconds(2))
            .exec(sip("unregister").unregister().check(status().is(200)));

    {
        setUp(phones.injectOpen(rampUsers(20).during(2))).protocols(protocol)
                .assertions(global().successfulRequests().percent().gt(99.0));
    }
}
