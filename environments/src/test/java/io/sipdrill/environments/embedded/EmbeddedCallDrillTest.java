package io.sipdrill.environments.embedded;

import io.sipdrill.chaos.drill.CallPlan;
import io.sipdrill.chaos.drill.DrillPlan;
import io.sipdrill.chaos.drill.DrillProgress;
import io.sipdrill.chaos.drill.DrillRunner;
import io.sipdrill.chaos.drill.DrillTarget;
import io.sipdrill.chaos.drill.gatling.GatlingDrillLoad;
import io.sipdrill.environments.CallRoles;
import io.sipdrill.load.calls.CallTimes;
import io.sipdrill.load.handset.FailbackMode;
import io.sipdrill.load.handset.Pop;
import io.sipdrill.load.handset.PopulationMix;
import io.sipdrill.load.journal.JournalEvent;
import io.sipdrill.load.journal.JournalMapper;
import io.sipdrill.load.journal.JsonLinesJournal;
import io.sipdrill.load.sip.call.Media;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calls through the embedded topology, driven by the drill runner and Gatling as a real run is:
 * the carrier's DDI calls go POP → PBX → POP → handset and the handsets' outbound calls POP →
 * PBX → carrier, on real sockets.
 */
class EmbeddedCallDrillTest {

    private static final InetSocketAddress PRIMARY = new InetSocketAddress("127.0.61.1", 5060);
    private static final InetSocketAddress BACKUP = new InetSocketAddress("127.0.62.1", 5060);
    private static final InetSocketAddress CARRIER = new InetSocketAddress("127.0.64.1", 5060);
    private static final CallTimes QUICK = new CallTimes(Duration.ofMillis(200), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(30));

    @TempDir
    Path tmp;

    @Test
    void inboundAndOutboundCallsAreAnsweredThroughThePbx() throws Exception {
        CallPlan calls = new CallPlan(3, 3, QUICK, false, Duration.ofSeconds(4), Duration.ofSeconds(12), CARRIER, List.of());
        DrillPlan plan = new DrillPlan("call-it", 60, 1, everyoneFailsBack(), Duration.ofSeconds(2),
                Duration.ofMinutes(10), 2, Duration.ofSeconds(1), null, Duration.ZERO, Duration.ofSeconds(16),
                Map.of(), calls);

        List<JournalEvent> events = run(plan, false);

        List<JournalEvent.CallEnded> ended = ofType(events, JournalEvent.CallEnded.class);
        String overview = ended.toString();
        // 3/s for 8 s each way; an inbound call to a handset already on a call is busy and goes to voicemail.
        assertThat(ended.stream().filter(c -> c.dir().equals("in")).count()).as(overview).isBetween(18L, 30L);
        assertThat(ended.stream().filter(c -> c.dir().equals("out")).count()).as(overview).isBetween(18L, 30L);
        assertThat(ended).as(overview).allSatisfy(c -> {
            assertThat(c.outcome()).isIn("answered", "voicemail");
            assertThat(c.pop()).isEqualTo(JournalEvent.Pop.PRIMARY);
            assertThat(c.setupMs()).isNotNull().isPositive();
            assertThat(c.talkMs()).isNotNull().isGreaterThan(900.0);
            assertThat(c.h()).isBetween(0, 59);
        });
        assertThat(ended.stream().filter(c -> c.dir().equals("out")))
                .allSatisfy(c -> assertThat(c.outcome()).isEqualTo("answered"));
        List<JournalEvent.CallEnded> answered = ended.stream().filter(c -> c.outcome().equals("answered")).toList();
        assertThat(answered.size()).as(overview).isGreaterThanOrEqualTo(ended.size() * 7 / 10);
        assertThat(ended.stream().filter(c -> c.dir().equals("in") && c.outcome().equals("answered")))
                .allSatisfy(c -> assertThat(c.pddMs()).as("a ringing handset sent 180 through the PBX").isNotNull());
    }

    @Test
    void afterFailoverAndADdiSwitchInboundCallsLandOnHandsetsThroughTheBackup() throws Exception {
        // Scale 10: the primary goes dark at 2 s, handsets fail over within ~12 s, DDIs switch at 15 s.
        CallPlan calls = new CallPlan(2, 0, QUICK, false, Duration.ofSeconds(170), Duration.ofSeconds(250), CARRIER,
                List.of(new CallPlan.DdiSwitch(Duration.ofSeconds(150), Pop.BACKUP)));
        DrillPlan plan = new DrillPlan("ddi-switch-it", 40, 10, everyoneFailsBack(), Duration.ofSeconds(10),
                Duration.ofSeconds(60), 2, Duration.ofSeconds(5), Duration.ofSeconds(20), Duration.ofMinutes(10),
                Duration.ofSeconds(290), Map.of(), calls);

        List<JournalEvent> events = run(plan, true);

        List<JournalEvent.DdiRoute> switches = ofType(events, JournalEvent.DdiRoute.class);
        assertThat(switches).extracting(JournalEvent.DdiRoute::to).containsExactly(JournalEvent.Pop.BACKUP);
        List<JournalEvent.CallEnded> ended = ofType(events, JournalEvent.CallEnded.class);
        String overview = ended.toString();
        assertThat(ended).as(overview).hasSizeGreaterThanOrEqualTo(10).allSatisfy(c -> {
            assertThat(c.pop()).isEqualTo(JournalEvent.Pop.BACKUP);
            assertThat(c.outcome()).isIn("answered", "voicemail"); // voicemail: that handset was busy
        });
        // Answered by the handset itself: the backup POP found it registered there (the primary is dark).
        long answered = ended.stream().filter(c -> c.outcome().equals("answered")).count();
        assertThat(answered).as(overview).isGreaterThanOrEqualTo(ended.size() * 7L / 10);
    }

    private List<JournalEvent> run(DrillPlan plan, boolean withOutage) throws Exception {
        Path journalFile = tmp.resolve("journal.jsonl");
        EmbeddedTopologyConfig config = EmbeddedTopologyConfig.defaults().withAddresses(PRIMARY, BACKUP);
        try (EmbeddedTopology topology = new EmbeddedTopology(config)) {
            topology.enableCalls(CallRoles.onBlocks("127.0.61", "127.0.62", CARRIER, 2), Media.NONE);
            topology.start();
            DrillTarget target = new DrillTarget("embedded", PRIMARY, BACKUP, "sipdrill.test",
                    withOutage ? Optional.of(topology.registrarOutage()) : Optional.empty());
            try (JsonLinesJournal journal = new JsonLinesJournal(journalFile)) {
                DrillRunner.Ending ending = new DrillRunner(plan, target, journal, DrillProgress.silent(),
                        new GatlingDrillLoad(tmp.resolve("gatling"))).run();
                assertThat(ending).isEqualTo(DrillRunner.Ending.COMPLETED);
            }
        }
        return JournalMapper.readAll(journalFile);
    }

    private static PopulationMix everyoneFailsBack() {
        return new PopulationMix(List.of(new PopulationMix.Share(1.0, FailbackMode.REGISTRATION, Duration.ZERO)));
    }

    private static <T> List<T> ofType(List<JournalEvent> events, Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
