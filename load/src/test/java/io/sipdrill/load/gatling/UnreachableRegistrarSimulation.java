package io.sipdrill.load.gatling;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.sipdrill.load.gatling.SipDsl.sip;
import static io.sipdrill.load.gatling.SipDsl.status;

/**
 * Handsets register with an address nothing listens on; at time scale 50 Timer F fires after
 * 0.64 s, every REGISTER is KO and the assertion fails (Gatling returns 2).
 */
public class UnreachableRegistrarSimulation extends Simulation {

    ScenarioBuilder phones = scenario("lost phones")
            .exec(session -> session.set("user", "300000" + session.userId()).set("password", "pw"))
            .exec(sip("register").register().check(status().is(200)));

    {
        setUp(phones.injectOpen(atOnceUsers(5)))
                .protocols(sip.registrar(System.getProperty(TinyRegisterSimulation.REGISTRAR_PROPERTY))
                        .localAddress("127.0.61.20").sockets(1).timeScale(50))
                .assertions(global().successfulRequests().percent().gt(99.0));
    }
}
