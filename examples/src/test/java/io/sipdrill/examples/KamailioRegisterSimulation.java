package io.sipdrill.examples;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.sipdrill.environments.local.LocalTopology;
import io.sipdrill.environments.local.LocalTopologyConfig;
import io.sipdrill.load.gatling.SipProtocolBuilder;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;

import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.sipdrill.load.gatling.SipDsl.sip;
import static io.sipdrill.load.gatling.SipDsl.sippUsers;
import static io.sipdrill.load.gatling.SipDsl.status;

/**
 * 1000 desk phones register with a real Kamailio registrar, stay registered for two seconds and
 * unregister: the smallest useful sipdrill load test, written as a Gatling simulation.
 *
 * <p>Run it with {@code mvn gatling:test} in this folder (see {@code README.md}); Gatling writes
 * its HTML report under {@code target/gatling/}. It needs the Debian {@code kamailio} package:
 * the simulation starts two Kamailio processes itself (a primary registrar and a backup POP) and
 * stops them at the end.
 *
 * <p>Everything here is ordinary Gatling: a protocol, a feeder, a scenario, an injection profile
 * and an assertion. What sipdrill adds is the {@code sip} protocol and its {@code sip("…")}
 * requests ({@link io.sipdrill.load.gatling.SipDsl}).
 */
public class KamailioRegisterSimulation extends Simulation {

    // ---- The system under test ------------------------------------------------------------------
    //
    // Two Kamailio processes on loopback addresses of their own, so this example never collides
    // with a sipdrill drill (127.0.1.1 / 127.0.2.1) or with the project's tests. Both accept any
    // user whose digest password is "pw-" + user, in the realm and domain "sipdrill.test".
    // Pointing a simulation at your own staging registrar instead? Drop the topology, put its
    // address in sip.registrar(…), and allow it explicitly: sip.registrar(…).allowTarget("192.0.2.0/24").
    // sipdrill refuses any target outside 127.0.0.0/8 and ::1 without that.

    static final InetSocketAddress PRIMARY = new InetSocketAddress("127.0.71.1", 5060);
    static final InetSocketAddress BACKUP = new InetSocketAddress("127.0.72.1", 5060);

    private final LocalTopology kamailio = new LocalTopology(
            LocalTopologyConfig.defaults(Path.of("target", "kamailio-example")).withAddresses(PRIMARY, BACKUP));

    // A safety net: if the run dies before after(), the JVM still stops Kamailio on its way out.
    private final Thread stopKamailioOnExit = new Thread(kamailio::close, "stop-kamailio-example");

    // ---- The protocol ---------------------------------------------------------------------------
    //
    // Handsets register with the primary registrar and fail over to the backup POP when it stops
    // answering. The domain goes in the Request-URI, From and To, and is the digest realm here.
    // Everything else (expiry, refresh point, failover after 2 failed tries, time scale, local
    // addresses, …) has a default; see SipProtocolBuilder.

    SipProtocolBuilder sipProtocol = sip.registrar("127.0.71.1:5060")
            .backup("127.0.72.1:5060")
            .domain("sipdrill.test");

    // ---- The scenario: one virtual user is one desk phone -----------------------------------------
    //
    // users.csv is a SIPp injection file (first line SEQUENTIAL, then user;password), read from
    // src/test/resources. Each virtual user takes the next line: #{user} and #{password} are what
    // the register step authenticates with.
    //
    // "REGISTER" is one step in Gatling's report, but two SIP transactions on the wire (the
    // request, a 401 digest challenge, the request again with credentials); the check applies to
    // the final response. Once registered, the handset keeps its registration alive on its own
    // (logged as "REGISTER (refresh)") until the user unregisters.

    ScenarioBuilder deskPhones = scenario("desk phones")
            .feed(sippUsers("users.csv"))
            .exec(sip("REGISTER").register().check(status().is(200)))
            .pause(Duration.ofSeconds(2))
            .exec(sip("UNREGISTER").unregister());

    // ---- The load and the pass/fail criterion ---------------------------------------------------
    //
    // 1000 phones arriving evenly over 20 seconds (50 registrations a second). The run fails
    // (Gatling exits 2, mvn gatling:test fails the build) unless more than 99% of all SIP
    // requests succeeded.

    {
        setUp(deskPhones.injectOpen(rampUsers(1000).during(20)))
                .protocols(sipProtocol)
                .assertions(global().successfulRequests().percent().gt(99.0));
    }

    /** Before the first phone arrives: start both Kamailio processes and wait until they answer. */
    @Override
    public void before() {
        Runtime.getRuntime().addShutdownHook(stopKamailioOnExit);
        try {
            kamailio.start();
        } catch (Exception e) {
            throw new IllegalStateException("could not start Kamailio for the example: " + e.getMessage(), e);
        }
    }

    /** After the last phone is done: stop Kamailio (its logs stay in target/kamailio-example/). */
    @Override
    public void after() {
        kamailio.close();
        try {
            Runtime.getRuntime().removeShutdownHook(stopKamailioOnExit);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook runs anyway
        }
    }
}
