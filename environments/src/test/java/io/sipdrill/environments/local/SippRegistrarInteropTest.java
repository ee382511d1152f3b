package io.sipdrill.environments.local;

import io.sipdrill.load.handset.FailbackMode;
import io.sipdrill.load.handset.FleetConfig;
import io.sipdrill.load.handset.HandsetFleet;
import io.sipdrill.load.handset.HandsetProfile;
import io.sipdrill.load.handset.PopulationMix;
import io.sipdrill.load.journal.Journal;
import io.sipdrill.load.journal.JournalEvent;
import io.sipdrill.load.sip.SipEngine;
import io.sipdrill.load.sip.auth.Credentials;
import io.sipdrill.load.sip.transaction.SipCounters;
import io.sipdrill.load.sip.transaction.SipTimers;
import io.sipdrill.load.time.DrillClock;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our handsets (the drill's own engine, fleet and digest code) register against SIPp acting as a
 * challenging registrar ({@code uas-registrar.xml}, password "pw-" + user): an independent
 * server's verdict on our REGISTER, Call-ID reuse and digest answers.
 */
@Tag("sipp")
class SippRegistrarInteropTest {

    private static final InetSocketAddress REGISTRAR = new InetSocketAddress("127.0.43.1", 5060);
    private static final String HANDSET_ADDRESS = "127.0.44.1";
    private static final int HANDSETS = 20;
    private static final Duration REGISTERED_WITHIN = Duration.ofSeconds(10);

    @TempDir
    Path runDir;

    @Test
    void everyHandsetIsChallengedThenAcceptedBySipp() throws Exception {
        KamailioProcess.requireFree(REGISTRAR);
        MemoryJournal journal = new MemoryJournal();
        SipCounters counters;
        int registered;
        Map<String, String> sippStats;
        try (SippProcess sipp = SippProcess.start(runDir, "uas-registrar", List.of(
                "-sf", SippScenarios.of("uas-registrar.xml").toString(),
                "-i", REGISTRAR.getAddress().getHostAddress(), "-p", Integer.toString(REGISTRAR.getPort()),
                "-trace_stat", "-stf", "uas-registrar.csv", "-fd", "1",
                "-trace_err", "-error_file", "uas-registrar-errors.log"))) {
            try (SipEngine engine = SipEngine.start(HANDSET_ADDRESS, 2, SipTimers.RFC3261)) {
                DrillClock clock = DrillClock.startingNow(engine.loop());
                HandsetProfile profile = new HandsetProfile(Duration.ofSeconds(60), 0.5, 0.9, 3, Duration.ofSeconds(1),
                        FailbackMode.NEVER, Duration.ZERO);
                PopulationMix mix = new PopulationMix(List.of(new PopulationMix.Share(1.0, FailbackMode.NEVER, Duration.ZERO)));
                FleetConfig config = new FleetConfig(HANDSETS, 0, "sipdrill.test", REGISTRAR, REGISTRAR,
                        Credentials.derived(), profile, mix, 1.0);
                HandsetFleet fleet = HandsetFleet.create(config, engine, journal, clock);
                // SIPp binds its socket a moment after it starts; Timer E retransmissions cover that gap.
                fleet.start(Duration.ofSeconds(1));
                long deadline = System.nanoTime() + REGISTERED_WITHIN.toNanos();
                while (fleet.counts().primary() < HANDSETS && System.nanoTime() < deadline && sipp.isAlive()) {
                    Thread.sleep(20);
                }
                registered = fleet.counts().primary();
                fleet.stop();
                counters = engine.transactions().counters();
            }
            assertThat(sipp.isAlive()).as("SIPp still running; log:%n%s", sipp.logTail(30)).isTrue();
            // SIGTERM makes SIPp write its final statistics row before it exits.
            sipp.stop(Duration.ofSeconds(5));
            Path statFile = runDir.resolve("uas-registrar.csv");
            sippStats = Files.exists(statFile) ? SippProcess.lastStats(statFile) : Map.of();
        }

        List<JournalEvent> events = journal.events();
        assertThat(registered).as("handsets registered on SIPp within %s; journal:%n%s", REGISTERED_WITHIN,
                describe(events)).isEqualTo(HANDSETS);

        List<JournalEvent.Transaction> txs = events.stream().filter(JournalEvent.Transaction.class::isInstance)
                .map(JournalEvent.Transaction.class::cast).toList();
        assertThat(txs).as("transactions").isNotEmpty()
                .allSatisfy(tx -> {
                    assertThat(tx.method()).isEqualTo("REGISTER");
                    assertThat(tx.pop()).isEqualTo(JournalEvent.Pop.PRIMARY);
                    assertThat(tx.purpose()).isEqualTo("initial");
                    assertThat(tx.outcome()).as("outcome of %s", tx).isIn("challenged", "ok");
                });
        for (int h = 0; h < HANDSETS; h++) {
            int handset = h;
            List<JournalEvent.Transaction> own = txs.stream().filter(tx -> tx.h() == handset).toList();
            assertThat(own).as("handset %d: one challenge, then accepted with its own digest", handset)
                    .extracting(JournalEvent.Transaction::outcome, JournalEvent.Transaction::code)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("challenged", 401),
                            org.assertj.core.groups.Tuple.tuple("ok", 200));
            assertThat(own.get(1).latencyMs()).as("handset %d latency", handset).isNotNull().isPositive();
        }
        List<JournalEvent.HandsetState> states = events.stream().filter(JournalEvent.HandsetState.class::isInstance)
                .map(JournalEvent.HandsetState.class::cast).toList();
        assertThat(states).as("registered states").hasSize(HANDSETS).allSatisfy(s -> {
            assertThat(s.state()).isEqualTo("registered");
            assertThat(s.pop()).isEqualTo(JournalEvent.Pop.PRIMARY);
            // uas-registrar.xml echoes the Expires we asked for in the Contact's expires parameter.
            assertThat(s.expiresS()).isEqualTo(60.0);
        });
        assertThat(states).extracting(JournalEvent.HandsetState::h).containsExactlyInAnyOrderElementsOf(
                IntStream.range(0, HANDSETS).boxed().toList());
        assertThat(events).noneMatch(e -> e instanceof JournalEvent.Transaction tx && "timeout".equals(tx.outcome()));

        assertThat(counters.timeouts()).as("timeouts").isZero();
        assertThat(counters.strayResponses()).as("responses matching no transaction").isZero();
        assertThat(counters.malformedMessages()).as("malformed datagrams from SIPp").isZero();
        assertThat(counters.unexpectedRequests()).as("requests from SIPp").isZero();

        // SIPp's side: one call per handset (one Call-ID each), none failed, no unexpected messages.
        assertThat(sippStats).as("SIPp statistics (-trace_stat)").isNotEmpty();
        assertThat(sippStats).as("SIPp statistics").containsEntry("IncomingCall(C)", Integer.toString(HANDSETS))
                .containsEntry("FailedCall(C)", "0")
                .containsEntry("FailedUnexpectedMessage(C)", "0")
                .containsEntry("OutOfCallMsgs(C)", "0")
                .containsEntry("DeadCallMsgs(C)", "0");
    }

    private static String describe(List<JournalEvent> events) {
        return events.stream().map(Object::toString).collect(Collectors.joining("\n"));
    }

    /** The journal as a list, for assertions; written from the event loop, read from the test. */
    private static final class MemoryJournal implements Journal {
        private final List<JournalEvent> events = new ArrayList<>();

        @Override
        public synchronized void write(JournalEvent event) {
            events.add(event);
        }

        synchronized List<JournalEvent> events() {
            return List.copyOf(events);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
