package io.sipdrill.chaos.drill;

import io.sipdrill.chaos.fault.LinkFaults;
import io.sipdrill.load.handset.Pop;
import io.sipdrill.load.handset.PopulationMix;
import io.sipdrill.load.journal.JournalEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The runner on virtual time: steps at their scaled times, the gate, the hypothesis after, rollbacks by strategy. */
class DrillRunnerTest {

    private static final ProbeCheck ON_PRIMARY = new ProbeCheck(new Probe.RegisteredOn(Pop.PRIMARY), new Tolerance.Min(99));

    private static DrillPlan plan(DrillMethod method) {
        return new DrillPlan("t", 100, 60, PopulationMix.defaultMix(), Duration.ofMinutes(1), Duration.ofMinutes(10), 2,
                Duration.ofSeconds(10), null, Duration.ZERO, Duration.ofMinutes(40), Map.of(),
                new CallPlan(1, 1, io.sipdrill.load.calls.CallTimes.DEFAULT, false, Duration.ofMinutes(1),
                        Duration.ofMinutes(39), CallPlan.DEFAULT_CARRIER, List.of()), method);
    }

    private static Step at(int minutes, Action a) {
        return new Step(Duration.ofMinutes(minutes), a);
    }

    @Test
    void stepsRunAtTheirScaledTimesAndEveryFaultIsRevertedByClearFaults() throws Exception {
        FakeWorld w = new FakeWorld();
        DrillMethod method = new DrillMethod(Duration.ofMinutes(3), List.of(ON_PRIMARY), List.of(
                at(3, new Action.CpuSqueeze("pbx-1", 0.05)),
                at(6, new Action.Toxic("handsets->registrar", "latency", Map.of("latency", 8000, "jitter", 2000),
                        LinkFaults.Stream.DOWNSTREAM)),
                at(14, new Action.Restart("pbx", 0.5)),
                at(19, new Action.Restart("pbx", 1.0)),
                at(29, new Action.DdiRoute(Pop.BACKUP)),
                at(34, new Action.Restart("registrar", 1.0)),
                at(34, new Action.ClearFaults()),
                at(36, new Action.DdiRoute(Pop.PRIMARY))),
                RollbackStrategy.DEFAULT, List.of(new Action.ClearFaults(), new Action.DdiRoute(Pop.PRIMARY)));

        assertThat(w.runner(plan(method)).run()).isEqualTo(DrillRunner.Ending.COMPLETED);

        // 60x: a real minute is a drill second.
        assertThat(w.log).containsExactly("prepare", "0 begin",
                "3000 inject cpu-squeeze pbx-1",
                "6000 inject latency handsets->registrar",
                "14000 restart pbx-1", "14000 restart pbx-2",
                "19000 restart pbx-1", "19000 restart pbx-2", "19000 restart pbx-3", "19000 restart pbx-4",
                "34000 restart registrar",
                "34000 revert latency handsets->registrar", "34000 revert cpu-squeeze pbx-1",
                "40000 stop", "close");
        assertThat(w.ofType(JournalEvent.FaultStep.class)).extracting(f -> f.t() + " " + f.action() + " " + f.name())
                .containsExactly("3000 start cpu-squeeze", "6000 start latency", "34000 end latency", "34000 end cpu-squeeze");
        assertThat(w.ofType(JournalEvent.DdiRoute.class)).extracting(d -> d.t() + " " + d.to() + " " + d.reason())
                .containsExactly("29000 BACKUP drill step", "36000 PRIMARY drill step", "40000 PRIMARY drill rollback");
        assertThat(w.ofType(JournalEvent.ActionStep.class)).extracting(s -> s.phase() + " " + s.action() + " " + s.outcome())
                .contains("method restart pbx 50% (pbx-1, pbx-2) ok", "method restart pbx (pbx-1, pbx-2, pbx-3, pbx-4) ok",
                        "method clear-faults ok", "rollback ddi-route primary ok", "rollback clear-faults ok")
                .hasSize(10);
        assertThat(w.ofType(JournalEvent.SteadyState.class)).extracting(s -> s.t() + " " + s.when() + " " + s.met())
                .containsExactly("3000 before true", "40000 after true");
        assertThat(w.events.get(w.events.size() - 1)).isEqualTo(new JournalEvent.DrillEnded(40000, "completed"));
    }

    @Test
    void malformedCountsOfHandsetsAndHostsAreJournaledJustBeforeTheEndLine() throws Exception {
        FakeWorld w = new FakeWorld();
        w.handsetMalformed = Map.of("handsets", 7L);
        w.hostMalformed = Map.of("registrar", 1543L, "pbx-1", 0L);
        DrillMethod method = new DrillMethod(Duration.ofMinutes(3), List.of(),
                List.of(at(3, new Action.Freeze("registrar")), at(23, new Action.ClearFaults())), RollbackStrategy.DEFAULT, List.of());

        assertThat(w.runner(plan(method)).run()).isEqualTo(DrillRunner.Ending.COMPLETED);

        List<JournalEvent> events = w.events;
        assertThat(events.get(events.size() - 2)).as("the line before the end line")
                .isInstanceOfSatisfying(JournalEvent.MalformedInput.class, m -> assertThat(m.receivers())
                        .as("handsets' and hosts' counts").containsExactlyInAnyOrderEntriesOf(
                                Map.of("handsets", 7L, "registrar", 1543L, "pbx-1", 0L)));
        assertThat(events.get(events.size() - 1)).as("the end line stays last").isInstanceOf(JournalEvent.DrillEnded.class);
    }

    @Test
    void noMalformedLineWhenNoReceiverCounts() throws Exception {
        FakeWorld w = new FakeWorld();
        DrillMethod method = new DrillMethod(Duration.ofMinutes(3), List.of(),
                List.of(at(3, new Action.Freeze("registrar")), at(23, new Action.ClearFaults())), RollbackStrategy.DEFAULT, List.of());

        w.runner(plan(method)).run();

        assertThat(w.ofType(JournalEvent.MalformedInput.class)).as("malformed lines: none, journals read as before").isEmpty();
    }

    @Test
    void aHostDyingBehindTheDrillsBackIsJournaledAsADiedWindowThatItsRestartCloses() throws Exception {
        FakeWorld w = new FakeWorld();
        w.dies = "registrar";
        w.diesAtMs = 8_000;
        DrillMethod method = new DrillMethod(Duration.ofMinutes(3), List.of(),
                List.of(at(20, new Action.Restart("registrar", 1.0))), RollbackStrategy.DEFAULT, List.of());

        assertThat(w.runner(plan(method)).run()).isEqualTo(DrillRunner.Ending.COMPLETED);

        assertThat(w.ofType(JournalEvent.FaultStep.class))
                .extracting(f -> f.t() + " " + f.action() + " " + f.name() + " " + f.target() + " " + f.detail())
                .as("the death is a fault window of its own; the restart ends it")
                .containsExactly("8000 start died registrar killed by SIGKILL", "20000 end died registrar restarted");
        assertThat(w.watching).as("watched from the drill's start to its end").containsExactly("0 on", "40000 off");
    }

    @Test
    void aFailedGateEndsTheDrillBeforeAnyFaultAndSaysWhichProbe() throws Exception {
        FakeWorld w = new FakeWorld();
        w.counts = t -> new DrillLoad.LiveCounts(80, 0, 20, 0, 0, 0); // only 80% registered on the primary
        DrillMethod method = new DrillMethod(Duration.ofMinutes(3), List.of(ON_PRIMARY),
                List.of(at(3, new Action.Freeze("registrar")), at(23, new Action.ClearFaults())),
                RollbackStrategy.DEFAULT, List.of(new Action.Restart("registrar", 1)));
        DrillRunner runner = w.runner(plan(method));

        assertThat(runner.run()).isEqualTo(DrillRunner.Ending.STEADY_STATE_FAILED);

        assertThat(w.log).as("no fault, no rollback action (default: the method never started)")
                .containsExactly("prepare", "0 begin", "close");
        assertThat(w.ofType(JournalEvent.ProbeResult.class)).containsExactly(
                new JournalEvent.ProbeResult(3000, "before", "registered-on primary", 80.0, 99.0, null, false));
        assertThat(w.ofType(JournalEvent.SteadyState.class)).containsExactly(new JournalEvent.SteadyState(3000, "before", false));
        assertThat(w.ofType(JournalEvent.FaultStep.class)).isEmpty();
        assertThat(w.events.get(w.events.size() - 1))
                .isEqualTo(new JournalEvent.DrillEnded(3000, "steady state not met before the method"));
        assertThat(runner.probeResults()).singleElement().satisfies(p -> assertThat(p.ok()).isFalse());
    }

    @Test
    void theHypothesisAfterTheMethodDeviates() throws Exception {
        FakeWorld w = new FakeWorld();
        // 10% never come back.
        w.counts = t -> t < 20_000 ? new DrillLoad.LiveCounts(100, 0, 0, 0, 0, 0) : new DrillLoad.LiveCounts(90, 10, 0, 0, 0, 0);
        DrillMethod method = new DrillMethod(Duration.ofMinutes(3), List.of(ON_PRIMARY),
                List.of(at(3, new Action.Freeze("registrar")), at(23, new Action.ClearFaults())),
                RollbackStrategy.DEFAULT, List.of());
        DrillRunner runner = w.runner(plan(method));

        assertThat(runner.run()).isEqualTo(DrillRunner.Ending.COMPLETED);
        assertThat(runner.deviated()).isTrue();
        assertThat(w.ofType(JournalEvent.SteadyState.class)).extracting(JournalEvent.SteadyState::met).containsExactly(true, false);
        assertThat(w.ofType(JournalEvent.ProbeResult.class).get(1).value()).isEqualTo(90.0);
    }

    /** Does the rollback action (restart backup) run? By strategy × how the drill went. */
    @ParameterizedTest(name = "{0} after {1}: {2}")
    @CsvSource({
            "DEFAULT,  gate-failed, false", "DEFAULT,  held, true", "DEFAULT,  deviated, true", "DEFAULT,  interrupted, true",
            "ALWAYS,   gate-failed, true",  "ALWAYS,   held, true", "ALWAYS,   deviated, true", "ALWAYS,   interrupted, true",
            "NEVER,    gate-failed, false", "NEVER,    held, false", "NEVER,    deviated, false", "NEVER,    interrupted, false",
            "DEVIATED, gate-failed, false", "DEVIATED, held, false", "DEVIATED, deviated, true", "DEVIATED, interrupted, true",
    })
    void rollbackStrategies(RollbackStrategy strategy, String how, boolean rollbackRuns) throws Exception {
        FakeWorld w = new FakeWorld();
        switch (how) {
            case "gate-failed" -> w.counts = t -> new DrillLoad.LiveCounts(50, 0, 50, 0, 0, 0);
            case "deviated" -> w.counts = t -> t < 20_000 ? new DrillLoad.LiveCounts(100, 0, 0, 0, 0, 0)
                    : new DrillLoad.LiveCounts(50, 50, 0, 0, 0, 0);
            case "interrupted" -> w.interruptAtMs = 10_000;
            default -> { }
        }
        DrillMethod method = new DrillMethod(Duration.ofMinutes(3), List.of(ON_PRIMARY),
                List.of(at(3, new Action.Freeze("registrar")), at(23, new Action.ClearFaults())),
                strategy, List.of(new Action.Restart("backup", 1)));

        DrillRunner.Ending ending = w.runner(plan(method)).run();

        assertThat(ending).isEqualTo(switch (how) {
            case "gate-failed" -> DrillRunner.Ending.STEADY_STATE_FAILED;
            case "interrupted" -> DrillRunner.Ending.INTERRUPTED;
            default -> DrillRunner.Ending.COMPLETED;
        });
        assertThat(w.log.stream().anyMatch(l -> l.endsWith("restart backup"))).as("rollback ran").isEqualTo(rollbackRuns);
        // Whatever the strategy, an injected fault never outlives the drill.
        long injected = w.log.stream().filter(l -> l.contains(" inject ")).count();
        long reverted = w.log.stream().filter(l -> l.contains(" revert ")).count();
        assertThat(reverted).isEqualTo(injected);
        assertThat(w.events.get(w.events.size() - 1)).isInstanceOf(JournalEvent.DrillEnded.class);
    }

    @Test
    void anInterruptionRevertsTheArmedFaultAndEndsTheJournal() throws Exception {
        FakeWorld w = new FakeWorld();
        w.interruptAtMs = 10_000;
        DrillMethod method = new DrillMethod(Duration.ofMinutes(3), List.of(),
                List.of(at(3, new Action.Kill("pbx-1")), at(4, new Action.Freeze("registrar")), at(23, new Action.ClearFaults())),
                RollbackStrategy.NEVER, List.of());

        assertThat(w.runner(plan(method)).run()).isEqualTo(DrillRunner.Ending.INTERRUPTED);
        Thread.interrupted(); // the runner re-asserts the interrupt for its caller

        assertThat(FakeWorld.without(w.log, "prepare", "begin", "close")).containsExactly(
                "3000 inject kill pbx-1", "4000 inject freeze registrar",
                "10000 revert freeze registrar", "10000 revert kill pbx-1");
        assertThat(w.ofType(JournalEvent.FaultStep.class)).extracting(f -> f.action() + " " + f.name() + " " + f.detail())
                .containsExactly("start kill ", "start freeze ", "end freeze rollback", "end kill rollback");
        assertThat(w.events.get(w.events.size() - 1)).isEqualTo(new JournalEvent.DrillEnded(10000, "interrupted"));
    }

    @Test
    void aCrashMidDrillRevertsFaultsRunsRollbacksAndRethrows() {
        FakeWorld w = new FakeWorld();
        w.interruptAtMs = 5_000;
        w.crashAtInterrupt = new IllegalStateException("boom");
        DrillMethod method = new DrillMethod(Duration.ofMinutes(3), List.of(),
                List.of(at(3, new Action.CpuSqueeze("pbx-2", 0.1))), RollbackStrategy.DEFAULT,
                List.of(new Action.Restart("pbx-2", 1)));

        assertThatThrownBy(() -> w.runner(plan(method)).run()).hasMessage("boom");

        assertThat(FakeWorld.without(w.log, "prepare", "begin", "close"))
                .containsExactly("3000 inject cpu-squeeze pbx-2", "5000 restart pbx-2", "5000 revert cpu-squeeze pbx-2");
        assertThat(w.events.get(w.events.size() - 1)).isEqualTo(new JournalEvent.DrillEnded(5000, "aborted: boom"));
    }

    @Test
    void aStepTheTargetCannotApplyFailsBeforeAnythingStarts() {
        FakeWorld w = new FakeWorld();
        DrillMethod method = new DrillMethod(Duration.ZERO, List.of(), List.of(at(3, new Action.Freeze("pbx-9"))),
                RollbackStrategy.DEFAULT, List.of());

        assertThatThrownBy(() -> w.runner(plan(method)).run()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no target pbx-9");
        assertThat(w.log).as("nothing prepared, nothing injected").isEmpty();
        assertThat(w.events).isEmpty();
    }

    @Test
    void theBuiltInOutageIsAFreezeOfTheRegistrarAtFaultAtClearedAtFaultAtPlusFaultFor() throws Exception {
        FakeWorld w = new FakeWorld();
        DrillPlan outage = DrillPlan.registrarOutage(100, 20);
        assertThat(outage.method().steps()).containsExactly(
                new Step(Duration.ofMinutes(3), new Action.Freeze("registrar")),
                new Step(Duration.ofMinutes(23), new Action.ClearFaults()));
        FakeWorld.LoggedFault fault = w.new LoggedFault("registrar-outage", "registrar");
        DrillTarget legacy = new DrillTarget("fake", FakeWorld.PRIMARY, FakeWorld.BACKUP, "sipdrill.test",
                java.util.Optional.of(fault));

        new DrillRunner(outage, legacy, w.journal, DrillProgress.silent(), w.new Load(), w.ticker, w.sleeper()).run();

        // 20x: fault at 9 s, back at 69 s, drill over at 120 s; the journal as the built-in always wrote it.
        assertThat(w.ofType(JournalEvent.FaultStep.class)).containsExactly(
                new JournalEvent.FaultStep(9000, "start", "registrar-outage", "registrar", ""),
                new JournalEvent.FaultStep(69000, "end", "registrar-outage", "registrar", ""));
        assertThat(w.ofType(JournalEvent.TimelineSample.class)).hasSize(121);
        assertThat(w.events.get(w.events.size() - 1)).isEqualTo(new JournalEvent.DrillEnded(120000, "completed"));
    }

    @Test
    void callProbesReadTheAnsweredShareOfCallsThatEndedInTheirWindow() {
        LoadTally tally = new LoadTally(io.sipdrill.load.journal.Journal.discarding());
        LoadTally.Counts before = tally.now();
        assertThat(before.inboundPct()).as("no call yet: not measured").isNull();
        for (String outcome : List.of("answered", "voicemail", "failed", "answered")) {
            tally.write(new JournalEvent.CallEnded(1, 1, JournalEvent.Pop.PRIMARY, "in", outcome, null, null, null, null,
                    null, 1, 0, null, null, null));
        }
        tally.write(new JournalEvent.CallEnded(1, 1, JournalEvent.Pop.PRIMARY, "out", "cancelled", null, null, null, null,
                null, 1, 0, null, null, null));
        assertThat(tally.now().since(before).inboundPct()).isEqualTo(75.0);
        assertThat(tally.now().outboundPct()).isEqualTo(0.0);
    }
}
