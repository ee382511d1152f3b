package io.sipdrill.environments.embedded;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.sipdrill.load.calls.AnswerMode;
import io.sipdrill.load.gatling.GatlingLaunch;
import io.sipdrill.load.gatling.SipProtocolBuilder;

import java.time.Duration;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.sipdrill.load.gatling.SipDsl.sip;

/**
 * One scripted handset on the embedded topology, for {@link SippScriptedCallTest}: it either waits
 * for SIPp's call and answers it ({@link Role#CALLEE}), or calls SIPp through the PBX and hangs up
 * ({@link Role#CALLER}). Launched through {@link GatlingLaunch}, which hands it its {@link Spec}.
 */
public class SippScriptedCallSimulation extends Simulation {

    enum Role { CALLEE, CALLER }

    /** @param user the handset's extension; @param number what the caller dials */
    record Spec(Role role, String registrar, String backup, String localAddress, String user, String number) {
    }

    final Spec spec = GatlingLaunch.spec(SippScriptedCallSimulation.class, Spec.class);

    SipProtocolBuilder protocol = sip.registrar(spec.registrar()).backup(spec.backup())
            .domain("sipdrill.test")
            .localAddress(spec.localAddress())
            .sockets(1)
            .answering(AnswerMode.SCRIPTED)
            .rtp(false);

    ScenarioBuilder handset = spec.role() == Role.CALLEE
            ? registered()
                    .exec(sip("await").awaitCall().timeout(Duration.ofSeconds(20)))
                    .pause(Duration.ofMillis(300))                 // ring time
                    .exec(sip("answer").answer())
                    .pause(Duration.ofSeconds(3))                  // SIPp hangs up after its 1 s
            : registered()
                    .exec(sip("call").call(spec.number()))
                    .pause(Duration.ofSeconds(1))                  // talk time
                    .exec(sip("hangup").hangup());

    private ScenarioBuilder registered() {
        return scenario("handset")
                .exec(session -> session.set("user", spec.user()).set("password", "pw-" + spec.user()))
                .exec(sip("register").register());
    }

    {
        setUp(handset.injectOpen(atOnceUsers(1))).protocols(protocol)
                .assertions(spec.role() == Role.CALLEE
                        ? new io.gatling.javaapi.core.Assertion[] {
                                details("await").successfulRequests().count().is(1L),
                                details("answer").successfulRequests().count().is(1L)}
                        : new io.gatling.javaapi.core.Assertion[] {
                                details("call").successfulRequests().count().is(1L),
                                details("hangup").successfulRequests().count().is(1L)});
    }

    @Override
    public void before() {
        GatlingLaunch.readyThenWait(SippScriptedCallSimulation.class);
    }
}
