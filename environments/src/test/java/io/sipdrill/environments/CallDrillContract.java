package io.sipdrill.environments;

import io.sipdrill.chaos.drill.CallPlan;
import io.sipdrill.chaos.drill.DrillPlan;
import io.sipdrill.chaos.drill.DrillProgress;
import io.sipdrill.chaos.drill.DrillRunner;
import io.sipdrill.chaos.drill.DrillTarget;
import io.sipdrill.chaos.drill.gatling.GatlingDrillLoad;
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
 * Calls through a topology, driven by the drill runner and Gatling as a real run is: the
 * carrier's DDI calls go POP → PBX → POP → handset and the handsets' outbound calls POP → PBX →
 * carrier, on real sockets. The same drills and verdicts for every topology that routes calls
 * (CALL-ROUTING.md is one contract); a subclass names the topology and its address blocks.
 */
public abstract class CallDrillContract {

    private static final CallTimes QUICK = new CallTimes(Duration.ofMillis(200), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(30));

    private final String primaryBlock;
    private final String backupBlock;
    private final InetSocketAddress carrier;

    /** POPs at {@code <block>.1:5060}, PBX instances and voicemail as {@link CallRoles#onBlocks}, the carrier at {@code carrierBlock.1}. */
    protected CallDrillContract(String primaryBlock, String backupBlock, String carrierBlock) {
        this.primaryBlock = primaryBlock;
        this.backupBlock = backupBlock;
        this.carrier = new InetSocketAddress(carrierBlock + ".1", 5060);
    }

    /** The topology under test, its POPs on {@code primary} and {@code backup}, not started. */
    protected abstract Topology topology(InetSocketAddress primary, InetSocketAddress backup, Path runDir);

    @TempDir
    Path tmp;

    @Test
    void inboundAndOutboundCallsAreAnsweredThroughThePbx() throws Exception {
        CallPlan calls = new CallPlan(3, 3, QUICK, false, Duration.ofSeconds(4), Duration.ofSeconds(12), carrier, List.of());
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
        // They stay on the backup: a handset probing the frozen primary at each refresh lets its
        // backup binding lapse for a second or two (Timer F outlasts the rest of its expiry), and a
        // DDI call then rightly finds no binding and goes to voicemail, which is not what this
        // drill is about.
        CallPlan calls = new CallPlan(2, 0, QUICK, false, Duration.ofSeconds(170), Duration.ofSeconds(250), carrier,
                List.of(new CallPlan.DdiSwitch(Duration.ofSeconds(150), Pop.BACKUP)));
        DrillPlan plan = new DrillPlan("ddi-switch-it", 40, 10, nobodyFailsBack(), Duration.ofSeconds(10),
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
        InetSocketAddress primary = new InetSocketAddress(primaryBlock + ".1", 5060);
        InetSocketAddress backup = new InetSocketAddress(backupBlock + ".1", 5060);
        try (Topology topology = topology(primary, backup, tmp.resolve("run"))) {
            topology.enableCalls(CallRoles.onBlocks(primaryBlock, backupBlock, carrier, 2), Media.NONE);
            topology.start();
            DrillTarget target = new DrillTarget(topology.name(), primary, backup, "sipdrill.test",
                    withOutage ? Optional.of(topology.registrarOutage()) : Optional.empty());
            try (JsonLinesJournal journal = new JsonLinesJournal(journalFile)) {
                DrillRunner.Ending ending = new DrillRunner(plan, target, journal, DrillProgress.silent(),
                        new GatlingDrillLoad(tmp.resolve("gatling"))).run();
                assertThat(ending).isEqualTo(DrillRunner.Ending.COMPLETED);
            } finally {
                topology.collectLogs(tmp.resolve("logs"));
            }
        }
        return JournalMapper.readAll(journalFile);
    }

    private static PopulationMix everyoneFailsBack() {
        return new PopulationMix(List.of(new PopulationMix.Share(1.0, FailbackMode.REGISTRATION, Duration.ZERO)));
    }

    private static PopulationMix nobodyFailsBack() {
        return new PopulationMix(List.of(new PopulationMix.Share(1.0, FailbackMode.NEVER, Duration.ZERO)));
    }

    private static <T> List<T> ofType(List<JournalEvent> events, Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
