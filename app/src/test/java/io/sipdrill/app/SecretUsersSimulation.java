package io.sipdrill.app;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.sipdrill.load.gatling.SipProtocolBuilder;

import java.time.Duration;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.sipdrill.load.gatling.SipDsl.sip;
import static io.sipdrill.load.gatling.SipDsl.sippUsers;
import static io.sipdrill.load.gatling.SipDsl.status;

/**
 * Handsets whose passwords come from a SIPp injection file (the way a user brings their own
 * credentials to a Gatling simulation): each registers with digest, holds its registration over a
 * refresh and unregisters. Run by {@link PasswordsInArtefactsTest}; the registrar and the file come
 * from the {@value #REGISTRAR} and {@value #USERS} system properties.
 */
public class SecretUsersSimulation extends Simulation {

    static final String REGISTRAR = "sipdrill.test.secretRegistrar";
    static final String USERS = "sipdrill.test.secretUsers";
    static final int HANDSETS = 10;

    SipProtocolBuilder protocol = sip.registrar(System.getProperty(REGISTRAR))
            .domain("sipdrill.test")
            .localAddress("127.0.243.20")
            .sockets(1)
            .expires(Duration.ofSeconds(2));

    ScenarioBuilder phones = scenario("phones")
            .feed(sippUsers(java.nio.file.Path.of(System.getProperty(USERS))).queue())
            .exec(sip("register").register().check(status().is(200)))
            .pause(Duration.ofSeconds(3))
            .exec(sip("unregister").unregister().check(status().is(200)));

    {
        setUp(phones.injectOpen(atOnceUsers(HANDSETS))).protocols(protocol)
                .assertions(global().failedRequests().count().is(0L));
    }
}
