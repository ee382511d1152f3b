package io.sipdrill.load.gatling;

import io.gatling.javaapi.core.FeederBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.sipdrill.load.calls.AnswerMode;
import io.sipdrill.load.gatling.action.AnswerActionBuilder;
import io.sipdrill.load.gatling.action.AwaitCallActionBuilder;
import io.sipdrill.load.gatling.action.HangupActionBuilder;
import io.sipdrill.load.gatling.action.OptionsActionBuilder;
import io.sipdrill.load.gatling.action.PlaceCallActionBuilder;
import io.sipdrill.load.gatling.action.RegisterActionBuilder;
import io.sipdrill.load.gatling.action.UnregisterActionBuilder;
import io.sipdrill.load.gatling.check.SipCheck;
import io.sipdrill.load.gatling.protocol.SipLiveView;
import io.sipdrill.load.handset.FailbackMode;
import io.sipdrill.load.journal.Journal;
import io.sipdrill.load.journal.JournalEvent;
import io.sipdrill.load.time.DrillClock;
import io.sipdrill.load.time.Ticker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.sipdrill.load.gatling.SipDsl.header;
import static io.sipdrill.load.gatling.SipDsl.sip;
import static io.sipdrill.load.gatling.SipDsl.sippUsers;
import static io.sipdrill.load.gatling.SipDsl.status;

/**
 * Calls every method of the SIP DSL: if this compiles, the DSL's shape holds. It is also a real
 * simulation ({@link TinySimulationTest} runs it against a {@link TestRegistrar}): three users
 * register with computed credentials, probe, and unregister, while the live view is observed.
 */
public class SipJavaCompileTest extends Simulation {

    /** What the last run's observer saw; read by the test after the run. */
    static final AtomicReference<SipLiveView> OBSERVED = new AtomicReference<>();
    static final ConcurrentLinkedQueue<JournalEvent> JOURNAL = new ConcurrentLinkedQueue<>();

    final String registrar = System.getProperty(TinyRegisterSimulation.REGISTRAR_PROPERTY, "127.0.61.1:5060");

    Journal journal = new Journal() {
        @Override public void write(JournalEvent event) { JOURNAL.add(event); }
        @Override public void flush() { }
        @Override public void close() { }
    };

    SipProtocolBuilder protocol = sip.registrar(registrar)
            .backup(registrar)
            .domain("sipdrill.test")
            .transport("udp")
            .transport("UDP")
            .trust(io.sipdrill.load.tls.TestCertificateAuthority.create("compile test CA").trust()) // used by transport("tls")
            .localAddress("127.0.61.30")
            .sockets(3)
            .timeScale(1.0)
            .expires(Duration.ofSeconds(60))
            .refreshBetween(0.5, 0.9)
            .failoverAfter(2)
            .retryDelay(Duration.ofSeconds(1))
            .failback(FailbackMode.DURATION, Duration.ofMinutes(10))
            .failback(FailbackMode.REGISTRATION, Duration.ZERO)
            .journal(journal)
            .drillClock(DrillClock.startingNow(Ticker.system()))
            .observe(OBSERVED::set);

    Optional<SipLiveView> notYet = protocol.live();

    // checks: every builder method
    SipCheck statusIs = status().is(200);
    SipCheck statusIsFn = status().is(session -> 200);
    SipCheck statusIn = status().in(200, 202);
    SipCheck statusNot = status().not(500);
    SipCheck statusSave = status().saveAs("code");
    SipCheck contact = header("Contact").exists();
    SipCheck noRetry = header("Retry-After").notExists();
    SipCheck expiresIs = header("Expires").is("#{expires}");
    SipCheck expiresFn = header("Expires").is(session -> session.getString("expires"));
    SipCheck expiresSave = header("Expires").saveAs("granted");
    SipCheck chainedSave = header("m").exists().saveAs("contact");

    // feeders: both entry points
    FeederBuilder<Object> fromResource = sippUsers("gatling/tiny-users.csv");
    FeederBuilder<Object> fromPath = sippUsers(Path.of("src/test/resources/gatling/tiny-users.csv"));

    RegisterActionBuilder registerEl = sip("register").register()
            .user("#{user}").password("#{password}")
            .check(statusIs, statusIsFn, statusIn, statusNot, statusSave, contact, noRetry, expiresIs, expiresFn,
                    expiresSave, chainedSave);
    RegisterActionBuilder registerFn = sip(session -> "register-fn").register()
            .user(session -> "400000" + session.userId())
            .password(session -> "pw-400000" + session.userId())
            .failback(FailbackMode.NEVER, Duration.ZERO)
            .failback(session -> FailbackMode.DURATION, session -> Duration.ofSeconds(5))
            .failback("#{failback}", "#{failbackTimeoutMs}")
            .handset(session -> (int) session.userId()); // the default's index: the run's numbers stay as they were
    RegisterActionBuilder registerIndexed = sip("register-indexed").register().handset("#{handset}");
    OptionsActionBuilder options = sip("options").options().check(status().is(200));
    OptionsActionBuilder optionsAs = sip("options-as").options().user("#{user}").user(session -> "probe")
            .check(header("Allow").exists());
    UnregisterActionBuilder unregister = sip("unregister").unregister().check(status().is(200));

    // scripted calls: built here so their shape holds, run by ScriptedCallSimulation (this
    // simulation's registrar takes no calls)
    SipProtocolBuilder scripted = protocol.answering(AnswerMode.AUTOMATIC).answering(AnswerMode.SCRIPTED);
    SipProtocolBuilder trunked = protocol.carrier("127.0.4.1:5060").carrier("127.0.4.1:5060", "127.0.1.1:5060", "127.0.2.1:5060");
    PlaceCallActionBuilder callEl = sip("call").call("#{callee}");
    PlaceCallActionBuilder callFn = sip("call-fn").call(session -> session.getString("callee"));
    AwaitCallActionBuilder awaitDefault = sip("await").awaitCall();
    AwaitCallActionBuilder awaitFixed = sip("await-fixed").awaitCall().timeout(Duration.ofSeconds(5));
    AwaitCallActionBuilder awaitEl = sip("await-el").awaitCall().timeout("#{waitMs}");
    AwaitCallActionBuilder awaitFn = sip("await-fn").awaitCall().timeout(session -> Duration.ofMillis(500));
    AnswerActionBuilder answer = sip("answer").answer();
    HangupActionBuilder hangup = sip("hangup").hangup();

    ScenarioBuilder everything = scenario("every DSL call")
            .exec(session -> session.set("user", "400000" + session.userId())
                    .set("password", "pw-400000" + session.userId()).set("expires", "60")
                    .set("failback", "duration").set("failbackTimeoutMs", 5000L))
            .exec(registerEl)
            .exec(options)
            .exec(optionsAs)
            .exec(unregister)
            .exec(registerFn)
            .exec(unregister);

    {
        setUp(everything.injectOpen(atOnceUsers(3))).protocols(protocol)
                .assertions(global().failedRequests().count().is(0L));
    }
}
