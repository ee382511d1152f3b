package io.sipdrill.load.gatling;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.sipdrill.load.calls.AnswerMode;
import io.sipdrill.load.journal.Journal;
import io.sipdrill.load.journal.JournalEvent;

import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.sipdrill.load.gatling.SipDsl.sip;

/**
 * Scripted calls between handsets on one scripted protocol, through a {@link TestCallPop}:
 * <ul>
 *   <li>A calls B, talks 1 s and hangs up; B waits for the call, rings 1 s and answers;</li>
 *   <li>E hangs up with no call and waits 1 s for a call nobody makes (both KO);</li>
 *   <li>C calls D and leaves its scenario without hanging up; D's later hang-up finds no call;</li>
 *   <li>F, on a protocol of its own whose lines answer automatically, cannot await or answer.</li>
 * </ul>
 * Gatling's assertions say which steps are OK and which KO; {@link ScriptedCallsTest} runs it.
 */
public class ScriptedCallSimulation extends Simulation {

    static final ConcurrentLinkedQueue<JournalEvent> JOURNAL = new ConcurrentLinkedQueue<>();

    Journal journal = new Journal() {
        @Override public void write(JournalEvent event) { JOURNAL.add(event); }
        @Override public void flush() { }
        @Override public void close() { }
    };

    SipProtocolBuilder protocol = sip.registrar(System.getProperty(TinyRegisterSimulation.REGISTRAR_PROPERTY,
                    "127.0.140.1:5060"))
            .domain("sipdrill.test")
            .localAddress("127.0.140.10")
            .sockets(2)
            .answering(AnswerMode.SCRIPTED)
            .rtp(false)
            .journal(journal);

    SipProtocolBuilder automatic = sip.registrar(System.getProperty(TinyRegisterSimulation.REGISTRAR_PROPERTY,
                    "127.0.140.1:5060"))
            .domain("sipdrill.test")
            .localAddress("127.0.140.20")
            .calls(io.sipdrill.load.calls.CallTimes.DEFAULT)
            .rtp(false);

    static ScenarioBuilder user(String name, String user) {
        return scenario(name)
                .exec(session -> session.set("user", user).set("password", "pw-" + user))
                .exec(sip(name + " register").register());
    }

    // The callers pause first: their callee registers in the meantime.
    ScenarioBuilder a = user("A", "1000001")
            .pause(Duration.ofSeconds(1))
            .exec(session -> session.set("callee", "1000002"))
            .exec(sip("A call").call("#{callee}"))
            .pause(Duration.ofSeconds(1))                   // talk time
            .exec(sip("A hangup").hangup());

    ScenarioBuilder b = user("B", "1000002")
            .exec(sip("B await").awaitCall().timeout(Duration.ofSeconds(10)))
            .pause(Duration.ofSeconds(1))                   // ring time
            .exec(sip("B answer").answer())
            .pause(Duration.ofSeconds(3));                  // stays on the line until A hangs up

    ScenarioBuilder e = user("E", "1000005")
            .exec(sip("E hangup without call").hangup())
            .exec(session -> session.set("waitMs", "1000"))
            .exec(sip("E await nobody").awaitCall().timeout("#{waitMs}"));

    ScenarioBuilder c = user("C", "1000003")
            .pause(Duration.ofSeconds(1))
            .exec(sip("C call").call(session -> "1000004"))
            .pause(Duration.ofMillis(500));                 // ... and leaves: its call is hung up

    ScenarioBuilder d = user("D", "1000004")
            .exec(sip("D await").awaitCall().timeout(session -> Duration.ofSeconds(10)))
            .exec(sip("D answer").answer())
            .pause(Duration.ofSeconds(3))
            .exec(sip("D hangup after caller left").hangup());

    ScenarioBuilder f = user("F", "1000006")
            .exec(sip("F await on an automatic line").awaitCall().timeout(Duration.ofSeconds(1)))
            .exec(sip("F answer nothing").answer());

    {
        setUp(f.injectOpen(atOnceUsers(1)).protocols(automatic),
                a.injectOpen(atOnceUsers(1)).protocols(protocol), b.injectOpen(atOnceUsers(1)).protocols(protocol),
                e.injectOpen(atOnceUsers(1)).protocols(protocol),
                c.injectOpen(atOnceUsers(1)).protocols(protocol), d.injectOpen(atOnceUsers(1)).protocols(protocol))
                .assertions(
                        details("A call").successfulRequests().count().is(1L),
                        details("A hangup").successfulRequests().count().is(1L),
                        details("B await").successfulRequests().count().is(1L),
                        details("B answer").successfulRequests().count().is(1L),
                        details("C call").successfulRequests().count().is(1L),
                        details("D await").successfulRequests().count().is(1L),
                        details("D answer").successfulRequests().count().is(1L),
                        details("E hangup without call").failedRequests().count().is(1L),
                        details("E await nobody").failedRequests().count().is(1L),
                        details("D hangup after caller left").failedRequests().count().is(1L),
                        details("F await on an automatic line").failedRequests().count().is(1L),
                        details("F answer nothing").failedRequests().count().is(1L));
    }
}
