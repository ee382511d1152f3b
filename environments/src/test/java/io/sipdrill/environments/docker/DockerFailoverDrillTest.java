package io.sipdrill.environments.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import io.sipdrill.chaos.drill.DrillPlan;
import io.sipdrill.chaos.drill.DrillProgress;
import io.sipdrill.chaos.drill.DrillRunner;
import io.sipdrill.chaos.drill.DrillTarget;
import io.sipdrill.chaos.drill.gatling.GatlingDrillLoad;
import io.sipdrill.chaos.fault.Fault;
import io.sipdrill.environments.local.SipOptionsProbe;
import io.sipdrill.load.handset.FailbackMode;
import io.sipdrill.load.handset.PopulationMix;
import io.sipdrill.load.journal.JournalEvent;
import io.sipdrill.load.journal.JournalEvent.Pop;
import io.sipdrill.load.journal.JournalMapper;
import io.sipdrill.load.journal.JsonLinesJournal;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The registrar-outage drill of {@code KamailioFailoverDrillTest} on containers, with the same
 * verdicts: 40 handsets register on the primary container, the container is paused (docker
 * pause: the cgroup freezer, socket kept, silent), the handsets time out, retransmit and fail over
 * to the backup container, the primary is unpaused and they fail back. Time scale 60: about 30 s.
 * Everything is judged from the journal the runner wrote.
 */
@Tag("docker")
class DockerFailoverDrillTest {

    /** Test-only addresses, clear of a real run on 127.0.1.1/127.0.2.1 and of the other docker tests. */
    private static final InetSocketAddress PRIMARY = new InetSocketAddress("127.0.197.1", 5060);
    private static final InetSocketAddress BACKUP = new InetSocketAddress("127.0.197.2", 5060);
    private static final int HANDSETS = 40;
    private static final double TIME_SCALE = 60;
    /** Drill ms around the fault steps where a response already on its way may still land. */
    private static final long EDGE_MS = 300;

    @RegisterExtension
    static DockerTopologyExtension docker = DockerTopologyExtension.onBlocks("127.0.197", "127.0.197")
            .configured(config -> config.withAddresses(PRIMARY, BACKUP));

    @TempDir
    Path tmp;

    @Test
    void handsetsFailOverToTheBackupWhileThePrimaryIsPausedAndComeBackAfter() throws Exception {
        Path runDir = tmp.resolve("run").toAbsolutePath();
        Path journalFile = tmp.resolve("journal.jsonl");
        DrillPlan plan = new DrillPlan("docker-failover-it", HANDSETS, TIME_SCALE,
                new PopulationMix(List.of(new PopulationMix.Share(1.0, FailbackMode.REGISTRATION, Duration.ZERO))),
                Duration.ofMinutes(1), Duration.ofMinutes(10), 2, Duration.ofSeconds(10),
                Duration.ofMinutes(3), Duration.ofMinutes(15), Duration.ofMinutes(30), Map.of());

        DrillRunner.Ending ending;
        DockerTopology topology = docker.topology();
        Fault outage = topology.registrarOutage();
        String freezer = outage.detail();
        DrillTarget target = new DrillTarget("docker", PRIMARY, BACKUP, docker.config().realm(), Optional.of(outage));
        try (JsonLinesJournal journal = new JsonLinesJournal(journalFile)) {
            ending = new DrillRunner(plan, target, journal, DrillProgress.silent(), new GatlingDrillLoad(runDir.resolve("gatling"))).run();
        }
        topology.collectLogs(tmp.resolve("logs"));
        // (f) the rollback left the primary's container running, unpaused and answering.
        DockerClient client = DockerClientFactory.instance().client();
        InspectContainerResponse.ContainerState state = client.inspectContainerCmd(topology.containerId("registrar").orElseThrow())
                .exec().getState();
        assertThat(state.getRunning()).as("registrar container running after the drill").isTrue();
        assertThat(state.getPaused()).as("registrar container paused after the drill").isFalse();
        assertThat(new SipOptionsProbe(Duration.ofMillis(500)).probe(PRIMARY)).as("primary OPTIONS after the drill").hasValue(200);
        assertThat(tmp.resolve("logs/docker-registrar.log")).exists();

        assertThat(ending).isEqualTo(DrillRunner.Ending.COMPLETED);
        List<JournalEvent> events = JournalMapper.readAll(journalFile);
        String overview = overview(events);
        assertThat(events.get(0)).isInstanceOf(JournalEvent.DrillStarted.class);
        assertThat(events.get(events.size() - 1)).as(overview).isInstanceOfSatisfying(JournalEvent.DrillEnded.class,
                end -> assertThat(end.reason()).isEqualTo("completed"));

        // (e) one fault, started and ended on schedule, naming how the primary was paused.
        List<JournalEvent.FaultStep> steps = ofType(events, JournalEvent.FaultStep.class);
        assertThat(steps).as(overview).extracting(JournalEvent.FaultStep::action).containsExactly("start", "end");
        assertThat(steps).allSatisfy(step -> {
            assertThat(step.name()).isEqualTo("registrar-outage");
            assertThat(step.target()).isEqualTo("registrar");
            assertThat(step.detail()).isEqualTo(freezer).contains("pause");
        });
        long faultStart = steps.get(0).t();
        long faultEnd = steps.get(1).t();
        assertThat(faultStart).as("fault start (drill ms)").isBetween(3_000L, 3_700L);
        // Each step is journaled once its inject/revert returned, so the gap is 15 s give or take those calls.
        assertThat(faultEnd - faultStart).as("fault length (drill ms)").isBetween(14_700L, 15_700L);

        List<JournalEvent.Transaction> txs = ofType(events, JournalEvent.Transaction.class);
        List<JournalEvent.HandsetState> states = ofType(events, JournalEvent.HandsetState.class);
        // Handset ids are whatever the load engine gave them (Gatling's user ids); there must be HANDSETS of them.
        List<Integer> everyHandset = txs.stream().map(JournalEvent.Transaction::h).distinct().sorted().toList();
        assertThat(everyHandset).as("distinct handsets in the journal").hasSize(HANDSETS);

        // (a) before the fault: every handset challenged, then accepted with its own digest, on the primary.
        for (int h : everyHandset) {
            List<JournalEvent.Transaction> first = txs.stream()
                    .filter(tx -> tx.h() == h && tx.pop() == Pop.PRIMARY && tx.t() < faultStart).limit(2).toList();
            assertThat(first).as("handset %d's first transactions on the primary; %s", h, overview)
                    .extracting(JournalEvent.Transaction::purpose, JournalEvent.Transaction::outcome,
                            JournalEvent.Transaction::code)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("initial", "challenged", 401),
                            org.assertj.core.groups.Tuple.tuple("initial", "ok", 200));
        }
        assertThat(handsets(states, s -> s.state().equals("registered") && s.pop() == Pop.PRIMARY && s.t() < faultStart))
                .as("registered on the primary before the fault; %s", overview).containsExactlyElementsOf(everyHandset);
        assertThat(txs).as("a healthy primary never times out").noneMatch(tx -> tx.t() < faultStart && tx.outcome().equals("timeout"));

        // (b) during the fault the primary is silent: requests to it are retransmitted and time out.
        Predicate<JournalEvent> inFault = e -> e.t() >= faultStart && e.t() <= faultEnd;
        assertThat(ofType(events, JournalEvent.Retransmission.class)).as("retransmissions to the frozen primary")
                .filteredOn(inFault::test).filteredOn(r -> r.pop() == Pop.PRIMARY).isNotEmpty()
                .allSatisfy(r -> assertThat(r.n()).isGreaterThanOrEqualTo(2));
        assertThat(txs).as("timeouts on the frozen primary").filteredOn(inFault::test)
                .filteredOn(tx -> tx.pop() == Pop.PRIMARY && tx.outcome().equals("timeout")).isNotEmpty()
                .allSatisfy(tx -> {
                    assertThat(tx.code()).isNull();
                    assertThat(tx.latencyMs()).isNull();
                    assertThat(tx.sent()).as("transmissions before Timer F").isGreaterThan(1);
                });
        assertThat(txs).as("answers from the primary well inside the fault window")
                .filteredOn(tx -> tx.pop() == Pop.PRIMARY && tx.code() != null)
                .noneMatch(tx -> tx.t() > faultStart + EDGE_MS && tx.t() < faultEnd - EDGE_MS);

        // (c) every handset failed over: registered on the backup while the primary was frozen.
        assertThat(handsets(states, s -> s.state().equals("registered") && s.pop() == Pop.BACKUP && inFault.test(s)))
                .as("registered on the backup during the fault; %s", overview).containsExactlyElementsOf(everyHandset);
        Set<Integer> acceptedOnFailover = txs.stream().filter(tx -> tx.pop() == Pop.BACKUP
                        && tx.purpose().equals("failover") && tx.outcome().equals("ok") && inFault.test(tx))
                .map(JournalEvent.Transaction::h).collect(Collectors.toCollection(TreeSet::new));
        assertThat(acceptedOnFailover).as("handsets accepted by the backup on a failover REGISTER").containsExactlyElementsOf(everyHandset);

        // (d) after the fault: handsets fail back to the primary at their next refresh. The end step is
        // journaled once the revert returned, and docker unpause (an API round trip) can take tens of
        // ms in which the failback REGISTERs queued at the paused registrar are answered already:
        // those count from the edge before it (SIGCONT on --env local takes none).
        long recoveryFrom = faultEnd - EDGE_MS;
        Set<Integer> failedBack = txs.stream().filter(tx -> tx.t() > recoveryFrom && tx.pop() == Pop.PRIMARY
                        && tx.purpose().equals("failback") && tx.outcome().equals("ok")).map(JournalEvent.Transaction::h)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<Integer> backOnPrimary = handsets(states,
                s -> s.t() > recoveryFrom && s.state().equals("registered") && s.pop() == Pop.PRIMARY);
        int atLeast = (int) Math.ceil(HANDSETS * 0.9);
        assertThat(failedBack).as("handsets that failed back; %s", overview).hasSizeGreaterThanOrEqualTo(atLeast);
        assertThat(backOnPrimary).as("registered on the primary after the fault").containsAll(failedBack);
        List<JournalEvent.TimelineSample> timeline = ofType(events, JournalEvent.TimelineSample.class);
        JournalEvent.TimelineSample last = timeline.get(timeline.size() - 1);
        assertThat(last.primary()).as("on the primary at the end; %s", overview).isGreaterThanOrEqualTo(atLeast);
        assertThat(last.primary() + last.backup() + last.nowhere()).isEqualTo(HANDSETS);
        assertThat(timeline).as("the timeline saw the whole fleet on the backup")
                .anyMatch(s -> s.backup() == HANDSETS && inFault.test(s));
    }

    private static <T extends JournalEvent> List<T> ofType(List<JournalEvent> events, Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static Set<Integer> handsets(List<JournalEvent.HandsetState> states, Predicate<JournalEvent.HandsetState> which) {
        return states.stream().filter(which).map(JournalEvent.HandsetState::h).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Fault steps and one timeline sample a second, for failure messages. */
    private static String overview(List<JournalEvent> events) {
        List<String> lines = new ArrayList<>();
        long nextSample = 0;
        for (JournalEvent e : events) {
            if (e instanceof JournalEvent.FaultStep || e instanceof JournalEvent.DrillEnded) {
                lines.add(e.toString());
            } else if (e instanceof JournalEvent.TimelineSample s && s.t() >= nextSample) {
                lines.add(s.toString());
                nextSample = s.t() + 1_000;
            }
        }
        return "journal overview:\n" + String.join("\n", lines);
    }
}
