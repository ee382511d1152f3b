package io.sipdrill.environments.embedded;

import io.sipdrill.environments.CallRoles;
import io.sipdrill.environments.local.SippOutcome;
import io.sipdrill.environments.local.SippProcess;
import io.sipdrill.load.calls.CallRecords;
import io.sipdrill.load.calls.CallTimes;
import io.sipdrill.load.calls.HandsetLine;
import io.sipdrill.load.handset.FailbackMode;
import io.sipdrill.load.handset.Handset;
import io.sipdrill.load.handset.HandsetContext;
import io.sipdrill.load.handset.HandsetProfile;
import io.sipdrill.load.handset.Pop;
import io.sipdrill.load.handset.PopCounts;
import io.sipdrill.load.journal.Journal;
import io.sipdrill.load.journal.JournalEvent;
import io.sipdrill.load.sip.SipEngine;
import io.sipdrill.load.sip.call.Media;
import io.sipdrill.load.sip.message.RegisterTemplate;
import io.sipdrill.load.sip.transaction.SipTimers;
import io.sipdrill.load.time.DrillClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIPp as an independent peer on both ends of the embedded PBX: its built-in {@code uac} plays
 * the carrier calling a handset's DDI, and its built-in {@code uas} plays the carrier answering a
 * handset's outbound call. SIPp judges the far end's messages, so these prove our handsets and
 * PBX speak SIP a third party accepts.
 */
@Tag("sipp")
class SippCallInteropTest {

    private static final InetSocketAddress PRIMARY = new InetSocketAddress("127.0.65.1", 5060);
    private static final InetSocketAddress BACKUP = new InetSocketAddress("127.0.66.1", 5060);
    private static final InetSocketAddress CARRIER = new InetSocketAddress("127.0.68.1", 5060);
    private static final String USER = "1000000";

    @TempDir
    Path tmp;

    private EmbeddedTopology topology;
    private SipEngine phones;
    private Handset handset;
    private HandsetLine line;
    private final ConcurrentLinkedQueue<JournalEvent> journaled = new ConcurrentLinkedQueue<>();

    @BeforeEach
    void start() throws Exception {
        topology = new EmbeddedTopology(EmbeddedTopologyConfig.defaults().withAddresses(PRIMARY, BACKUP));
        topology.enableCalls(CallRoles.onBlocks("127.0.65", "127.0.66", CARRIER, 1), Media.NONE);
        topology.start();
        phones = SipEngine.start("127.0.67.1", 1, SipTimers.RFC3261);
        Journal journal = new Journal() {
            @Override public void write(JournalEvent e) { journaled.add(e); }
            @Override public void flush() { }
            @Override public void close() { }
        };
        DrillClock clock = DrillClock.startingNow(phones.loop());
        HandsetContext ctx = new HandsetContext(phones.transactions(), new RegisterTemplate("sipdrill.test"), PRIMARY,
                BACKUP, journal, clock, new PopCounts(1));
        HandsetProfile profile = new HandsetProfile(Duration.ofMinutes(10), 0.5, 0.9, 2, Duration.ofSeconds(1),
                FailbackMode.REGISTRATION, Duration.ZERO);
        CallTimes times = new CallTimes(Duration.ofMillis(300), Duration.ofMillis(300), Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ofSeconds(20));
        CompletableFuture<Handset> created = new CompletableFuture<>();
        phones.loop().execute(() -> {
            Handset h = Handset.on(phones.sockets().get(0), 0, USER, "pw-" + USER, ctx, profile, 0.5);
            line = HandsetLine.plugIn(h, phones.sockets().get(0), phones.calls(), times, new CallRecords(journal, clock));
            h.start();
            created.complete(h);
        });
        handset = created.get(5, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (topology.primaryRegistrar().registeredCount() < 1 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(topology.primaryRegistrar().isRegistered(USER)).isTrue();
    }

    @AfterEach
    void stop() {
        if (phones != null) {
            phones.close();
        }
        if (topology != null) {
            topology.close();
        }
    }

    @Test
    void sippUacCallsAHandsetsDdiThroughThePopAndThePbx() throws Exception {
        try (SippProcess uac = SippProcess.start(tmp, "uac", List.of("-sn", "uac", "-s", "4420" + USER,
                "-i", "127.0.68.1", "-p", "5060", "-m", "1", "-d", "1000", "-timeout", "20",
                PRIMARY.getAddress().getHostAddress() + ":5060"))) {
            assertThat(uac.awaitExit(Duration.ofSeconds(30))).as(uac.logTail(40)).isEqualTo(SippOutcome.ALL_CALLS_SUCCEEDED);
        }
    }

    @Test
    void sippUasAnswersAHandsetsOutboundCallThroughThePbx() throws Exception {
        try (SippProcess uas = SippProcess.start(tmp, "uas", List.of("-sn", "uas", "-i", "127.0.68.1", "-p", "5060",
                "-m", "1", "-timeout", "20"))) {
            Thread.sleep(300); // SIPp binds its socket
            CompletableFuture<Boolean> dialled = new CompletableFuture<>();
            phones.loop().execute(() -> dialled.complete(line.dial("00441632960001")));
            assertThat(dialled.get(5, TimeUnit.SECONDS)).isTrue();
            assertThat(uas.awaitExit(Duration.ofSeconds(30))).as(uas.logTail(40)).isEqualTo(SippOutcome.ALL_CALLS_SUCCEEDED);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (journaled.stream().noneMatch(e -> e instanceof JournalEvent.CallEnded) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(journaled).filteredOn(e -> e instanceof JournalEvent.CallEnded).singleElement()
                .satisfies(e -> {
                    JournalEvent.CallEnded c = (JournalEvent.CallEnded) e;
                    assertThat(c.dir()).isEqualTo("out");
                    assertThat(c.outcome()).isEqualTo("answered");
                    assertThat(c.pop()).isEqualTo(JournalEvent.Pop.PRIMARY);
                });
        assertThat(handset.registeredOn()).isEqualTo(Pop.PRIMARY);
    }
}
