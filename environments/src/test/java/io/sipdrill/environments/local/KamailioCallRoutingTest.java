package io.sipdrill.environments.local;

import io.sipdrill.environments.CallRoles;
import io.sipdrill.environments.TestPhones;
import io.sipdrill.load.calls.CallTimes;
import io.sipdrill.load.calls.HandsetLine;
import io.sipdrill.load.handset.Handset;
import io.sipdrill.load.handset.Pop;
import io.sipdrill.load.sip.SipEngine;
import io.sipdrill.load.sip.call.Call;
import io.sipdrill.load.sip.call.CallListener;
import io.sipdrill.load.sip.call.CallOutcome;
import io.sipdrill.load.sip.call.CallResult;
import io.sipdrill.load.sip.call.IncomingCall;
import io.sipdrill.load.sip.call.Media;
import io.sipdrill.load.sip.transaction.SipTimers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each rule of CALL-ROUTING.md through real Kamailio processes: two POPs ({@code registrar.cfg}
 * with WITH_CALLS), two PBX instances beside the primary and one beside the backup
 * ({@code pbx.cfg}), sipdrill's voicemail beside each. The carrier and the handsets are lean
 * engines of the test's own, so every call's outcome is checked at both ends. One topology for
 * the class (each test dials its own extensions); the no-answer time is 2 s.
 */
@Tag("kamailio")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KamailioCallRoutingTest {

    private static final InetSocketAddress PRIMARY = new InetSocketAddress("127.0.110.1", 5060);
    private static final InetSocketAddress BACKUP = new InetSocketAddress("127.0.111.1", 5060);
    private static final InetSocketAddress CARRIER = new InetSocketAddress("127.0.114.1", 5060);
    private static final Duration NO_ANSWER = Duration.ofSeconds(2);
    private static final CallTimes QUICK = new CallTimes(Duration.ofMillis(200), Duration.ofMillis(200),
            Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(20));

    private Path tmp;
    private LocalTopology topology;
    private TestPhones phones;
    private SipEngine carrier;
    private final Map<String, IncomingCall> reachedCarrier = new ConcurrentHashMap<>();

    @BeforeAll
    void start(@TempDir Path tmp) throws Exception {
        this.tmp = tmp;
        topology = new LocalTopology(LocalTopologyConfig.defaults(tmp.resolve("run")).withAddresses(PRIMARY, BACKUP));
        topology.enableCalls(CallRoles.onBlocks("127.0.110", "127.0.111", CARRIER, 2).withNoAnswer(NO_ANSWER), Media.NONE);
        topology.start();
        phones = TestPhones.start("127.0.112.1", PRIMARY, BACKUP);
        carrier = SipEngine.bind(List.of(CARRIER), SipTimers.RFC3261);
        carrier.loop().execute(() -> carrier.calls().answerAny(call -> {
            reachedCarrier.put(call.calledUser(), call);
            call.ring();
            call.scheduler().schedule(call::answer, 100, TimeUnit.MILLISECONDS);
        }));
    }

    @AfterAll
    void stop() {
        if (carrier != null) {
            carrier.close();
        }
        if (phones != null) {
            phones.close();
        }
        if (topology != null) {
            topology.collectLogs(tmp.resolve("logs"));
            topology.close();
        }
    }

    @Test
    void aDdiCallLandsOnTheRegisteredHandsetAndIsAnswered() throws Exception {
        Handset handset = registered("1000001");
        phones.line(handset, QUICK);

        CallResult result = carrierCalls("44201000001", Duration.ofMillis(500));

        assertThat(result.outcome()).as("%s", result).isEqualTo(CallOutcome.ANSWERED);
        assertThat(result.answeredBy()).as("answered by the handset itself").isEqualTo("1000001");
        assertThat(result.pddMs()).as("the handset's 180 came back through PBX and POP").isNotNull();
    }

    @Test
    void aRingGroupRingsBothExtensionsAndTheFirstToAnswerWins() throws Exception {
        Map<String, CompletableFuture<CallResult>> legs = Map.of("1000010", new CompletableFuture<>(),
                "1000011", new CompletableFuture<>());
        for (String user : legs.keySet()) {
            registered(user);
            phones.onLoop(() -> {
                phones.engine().calls().answerFor(user, call -> {
                    call.listener((c, r) -> legs.get(user).complete(r));
                    call.ring();
                    if (user.equals("1000011")) {
                        call.scheduler().schedule(call::answer, 300, TimeUnit.MILLISECONDS);
                    }
                });
                return null;
            });
        }

        CallResult result = carrierCalls("44211000010", Duration.ofMillis(500));

        assertThat(result.outcome()).as("%s", result).isEqualTo(CallOutcome.ANSWERED);
        assertThat(result.answeredBy()).isEqualTo("1000011");
        CallResult other = legs.get("1000010").get(5, TimeUnit.SECONDS);
        assertThat(other.outcome()).as("the leg that only rang was cancelled: %s", other).isEqualTo(CallOutcome.CANCELLED);
        assertThat(legs.get("1000011").get(5, TimeUnit.SECONDS).outcome()).isEqualTo(CallOutcome.ANSWERED);
    }

    @Test
    void nobodyAnsweringInTheNoAnswerTimeSendsTheCallToVoicemail() throws Exception {
        registered("1000020");
        CompletableFuture<CallResult> ringing = new CompletableFuture<>();
        phones.onLoop(() -> {
            phones.engine().calls().answerFor("1000020", call -> {
                call.listener((c, r) -> ringing.complete(r));
                call.ring(); // and never answers
            });
            return null;
        });

        long start = System.nanoTime();
        CallResult result = carrierCalls("44201000020", Duration.ofMillis(300));

        assertThat(result.outcome()).as("%s", result).isEqualTo(CallOutcome.ANSWERED);
        assertThat(result.answeredBy()).isEqualTo("vm-1000020");
        assertThat(result.setupMs()).as("answered after the no-answer time").isGreaterThanOrEqualTo(NO_ANSWER.toMillis() * 0.9);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(NO_ANSWER.plusSeconds(5));
        assertThat(ringing.get(5, TimeUnit.SECONDS).outcome()).as("the ringing handset was cancelled")
                .isEqualTo(CallOutcome.CANCELLED);
    }

    @Test
    void aBusyHandsetSendsTheCallToVoicemailAtOnce() throws Exception {
        registered("1000030");
        phones.onLoop(() -> {
            phones.engine().calls().answerFor("1000030", call -> call.reject(486, "Busy Here"));
            return null;
        });

        CallResult result = carrierCalls("44201000030", Duration.ofMillis(300));

        assertThat(result.outcome()).as("%s", result).isEqualTo(CallOutcome.ANSWERED);
        assertThat(result.answeredBy()).isEqualTo("vm-1000030");
        assertThat(result.setupMs()).as("no waiting for the no-answer time").isLessThan(NO_ANSWER.toMillis() / 2.0);
    }

    @Test
    void anExtensionWithNoBindingGetsVoicemailAfterThePopsTemporarilyUnavailable() throws Exception {
        CallResult result = carrierCalls("44201000099", Duration.ofMillis(300));

        assertThat(result.outcome()).as("%s", result).isEqualTo(CallOutcome.ANSWERED);
        assertThat(result.answeredBy()).isEqualTo("vm-1000099");
    }

    @Test
    void numbersThePopDoesNotRouteAreNotFound() throws Exception {
        assertThat(carrierCalls("999", Duration.ZERO).code()).as("not a DDI").isEqualTo(404);
        assertThat(carrierCalls("00441632960001", Duration.ZERO).code()).as("the carrier dialling out through us").isEqualTo(404);
    }

    @Test
    void aHandsetsExternalCallReachesTheCarrierThroughPopAndPbx() throws Exception {
        Handset handset = registered("1000040");
        HandsetLine line = phones.line(handset, QUICK);
        CompletableFuture<CallResult> ended = new CompletableFuture<>();

        assertThat(phones.onLoop(() -> line.dial("00441632960040", new CallListener() {
            @Override
            public void onEnded(Call call, CallResult result) {
                ended.complete(result);
            }
        }))).isTrue();

        CallResult result = ended.get(10, TimeUnit.SECONDS);
        assertThat(result.outcome()).as("%s", result).isEqualTo(CallOutcome.ANSWERED);
        assertThat(result.talkMs()).as("the handset talked, then its BYE went through").isGreaterThan(900.0);
        IncomingCall atCarrier = reachedCarrier.get("00441632960040");
        assertThat(atCarrier).as("the carrier saw the call").isNotNull();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (!isEnded(atCarrier) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(isEnded(atCarrier)).as("the handset's BYE reached the carrier through the route set").isTrue();
    }

    private boolean isEnded(Call call) {
        return carrier.loop() != null && onCarrierLoop(call::isEnded);
    }

    private <T> T onCarrierLoop(java.util.function.Supplier<T> action) {
        CompletableFuture<T> result = new CompletableFuture<>();
        carrier.loop().execute(() -> result.complete(action.get()));
        return result.orTimeout(5, TimeUnit.SECONDS).join();
    }

    private Handset registered(String user) throws InterruptedException {
        Handset handset = phones.register(user);
        assertThat(phones.awaitRegistered(handset, Pop.PRIMARY)).as("%s registered on the primary", user).isTrue();
        return handset;
    }

    /** The carrier calls {@code number} at the primary POP and hangs up {@code talk} after an answer. */
    private CallResult carrierCalls(String number, Duration talk) throws Exception {
        CompletableFuture<CallResult> ended = new CompletableFuture<>();
        carrier.loop().execute(() -> carrier.calls().call(carrier.sockets().get(0), "carrier", number, PRIMARY,
                new CallListener() {
                    @Override
                    public void onAnswered(Call call) {
                        call.scheduler().schedule(call::hangup, talk.toNanos(), TimeUnit.NANOSECONDS);
                    }

                    @Override
                    public void onEnded(Call call, CallResult result) {
                        ended.complete(result);
                    }
                }));
        return ended.get(NO_ANSWER.toSeconds() + 10, TimeUnit.SECONDS);
    }
}
