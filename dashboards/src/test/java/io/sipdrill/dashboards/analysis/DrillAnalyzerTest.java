package io.sipdrill.dashboards.analysis;

import io.sipdrill.dashboards.OutageJournal;
import io.sipdrill.load.journal.JournalEvent;
import io.sipdrill.load.journal.JournalEvent.DrillStarted;
import io.sipdrill.load.journal.JournalEvent.FaultStep;
import io.sipdrill.load.journal.JournalEvent.Pop;
import io.sipdrill.load.journal.JournalEvent.TimelineSample;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static io.sipdrill.dashboards.OutageJournal.registered;
import static io.sipdrill.dashboards.OutageJournal.tx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The worked example in {@link OutageJournal}, number by number. */
class DrillAnalyzerTest {

    private final DrillAnalysis oneStuck = DrillAnalyzer.analyze(OutageJournal.events(false));
    private final DrillAnalysis allBack = DrillAnalyzer.analyze(OutageJournal.events(true));

    @Test
    void drillInfoAndFaultTimesAreRealEquivalent() {
        assertThat(oneStuck.info().handsets()).isEqualTo(10);
        assertThat(oneStuck.info().timeScale()).isEqualTo(60.0);
        assertThat(oneStuck.info().durationS()).as("30 drill s × 60").isEqualTo(1800.0);
        assertThat(oneStuck.info().endReason()).isEqualTo("completed");
        assertThat(oneStuck.faults().t0S()).isEqualTo(600.0);
        assertThat(oneStuck.faults().tRS()).isEqualTo(1200.0);
        assertThat(oneStuck.faults().windows())
                .containsExactly(new FaultWindow("registrar-outage", "registrar", 600.0, 1200.0));
    }

    @Test
    void aJournalWithoutAnEndLineSaysTheRunDidNotEndWhereItStopsAndWhichFaultsWereOn() {
        // Killed 14 s into the drill: the outage (10 s … 20 s) was on, the end line never written.
        List<JournalEvent> cut = OutageJournal.events(false).stream()
                .filter(e -> e.t() <= 14_000 && !(e instanceof JournalEvent.DrillEnded)).toList();
        long last = cut.stream().mapToLong(JournalEvent::t).max().orElseThrow();

        DrillAnalysis killed = DrillAnalyzer.analyze(cut);

        assertThat(killed.info().endReason()).as("no end reason").isNull();
        assertThat(killed.cutOff()).as("the cut-off note").hasValueSatisfying(note -> assertThat(note)
                .contains("the run did not end (interrupted or killed: the journal has no end line)")
                .contains(String.format(java.util.Locale.ROOT, "ends at t=%.1f s of drill time (%.1f s real-equivalent)",
                        last / 1000.0, last / 1000.0 * OutageJournal.SCALE))
                .contains("with faults still on: registrar-outage on registrar"));
        assertThat(oneStuck.cutOff()).as("a run that ended has no cut-off note").isEmpty();
    }

    @Test
    void populationAndDetection() {
        DrillMetrics m = oneStuck.metrics();
        assertThat(m.population()).isEqualTo(10);
        assertThat(m.detectionS()).as("the 403 at 10.3 s is not a failure; the timeout at 10.5 s is")
                .isEqualTo(30.0);
    }

    @Test
    void failoverCountsHandsetsOnTheBackupAtTheSameTime() {
        Failover f = oneStuck.metrics().failover();
        assertThat(f.t50S()).isEqualTo(120.0);
        assertThat(f.t90S()).as("9 had touched the backup at 14 s, but only 8 were on it until 16 s")
                .isEqualTo(360.0);
        assertThat(f.reached()).isEqualTo(9);
        assertThat(f.reachedBackupPct()).isEqualTo(90.0);
    }

    @Test
    void failbackWithOneHandsetStuck() {
        Failback b = oneStuck.metrics().failback();
        assertThat(b.t50S()).isEqualTo(180.0);
        assertThat(b.t90S()).as("8 of 9 never makes 90%").isNull();
        assertThat(b.t100S()).isNull();
        assertThat(b.returned()).isEqualTo(8);
        assertThat(b.returnedPrimaryPct()).isEqualTo(88.9);
        assertThat(b.stuckOnBackup()).isEqualTo(1);
        assertThat(b.stuckOnBackupPct()).isEqualTo(11.1);
    }

    @Test
    void failbackWhenEveryoneReturns() {
        Failback b = allBack.metrics().failback();
        assertThat(b.t50S()).isEqualTo(180.0);
        assertThat(b.t90S()).isEqualTo(420.0);
        assertThat(b.t100S()).isEqualTo(420.0);
        assertThat(b.returnedPrimaryPct()).isEqualTo(100.0);
        assertThat(b.stuckOnBackup()).isZero();
        assertThat(b.stuckOnBackupPct()).isEqualTo(0.0);
    }

    @Test
    void darkHandsetSecondsIntegrateLostRegistrations() {
        // drill handset-seconds: 5×1 (h0..h4) + 0.5 (h8) + 3×1 (h5..h7) + 2 (h0 flap) + 8 (h9) = 18.5; × 60
        assertThat(oneStuck.metrics().darkHandsetSeconds()).isEqualTo(1110.0);
    }

    @Test
    void amplificationPerPhase() {
        DrillMetrics m = oneStuck.metrics();
        assertThat(m.phase(Phase.BASELINE).retransmissionAmplification()).isEqualTo(1.0);
        assertThat(m.phase(Phase.FAULT).transactions()).isEqualTo(12);
        assertThat(m.phase(Phase.FAULT).sent()).isEqualTo(42);
        assertThat(m.phase(Phase.FAULT).retransmissionAmplification()).isEqualTo(3.5);
        assertThat(m.phase(Phase.RECOVERY).retransmissionAmplification()).as("8 sent / 6").isEqualTo(1.333);
        assertThat(m.overall().retransmissionAmplification()).as("60 sent / 28").isEqualTo(2.143);
    }

    @Test
    void registerLatencyPercentilesPerPhaseSkipTimeouts() {
        DrillMetrics m = oneStuck.metrics();
        assertThat(m.phase(Phase.BASELINE).registerLatencyMs())
                .isEqualTo(new LatencySummary(10, 50.0, 100.0, 100.0));
        assertThat(m.phase(Phase.FAULT).registerLatencyMs()).as("30, 40, 200..400; the 5 timeouts have none")
                .isEqualTo(new LatencySummary(7, 250.0, 400.0, 400.0));
        assertThat(m.phase(Phase.RECOVERY).registerLatencyMs())
                .isEqualTo(new LatencySummary(6, 30.0, 60.0, 60.0));
        assertThat(m.overall().registerLatencyMs())
                .isEqualTo(new LatencySummary(23, 50.0, 350.0, 400.0));
    }

    @Test
    void sloVerdicts() {
        assertThat(oneStuck.slo()).extracting(v -> v.name() + "=" + v.passed()).containsExactly(
                "failover.t50_s=true", "failback.t90_s=false", "reached_backup_pct=true",
                "stuck_on_backup_pct=false");
        assertThat(oneStuck.slo().get(1).note()).isEqualTo("not reached");
        assertThat(oneStuck.sloPassed()).isFalse();
        assertThat(allBack.slo()).allMatch(v -> v.passed());
        assertThat(allBack.sloPassed()).isTrue();
    }

    @Test
    void timelineIsReplayedWhenTheJournalHasNoSamples() {
        Timeline timeline = oneStuck.timeline();
        assertThat(timeline.sampled()).isFalse();
        assertThat(timeline.points()).hasSize(31);
        assertThat(timeline.points().get(0)).isEqualTo(new TimelinePoint(0, 0, 0, 10));
        assertThat(timeline.points().get(12)).isEqualTo(new TimelinePoint(720, 5, 5, 0));
        assertThat(timeline.points().get(13)).isEqualTo(new TimelinePoint(780, 0, 5, 5));
        assertThat(timeline.points().get(30)).isEqualTo(new TimelinePoint(1800, 9, 1, 0));
    }

    @Test
    void timelineUsesTheJournalSamplesWhenPresent() {
        List<JournalEvent> events = new ArrayList<>(OutageJournal.events(false));
        events.add(new TimelineSample(2000, 10, 0, 0));
        events.add(new TimelineSample(1000, 9, 0, 1));
        Timeline timeline = DrillAnalyzer.analyze(events).timeline();
        assertThat(timeline.sampled()).isTrue();
        assertThat(timeline.points()).containsExactly(new TimelinePoint(60, 9, 0, 1), new TimelinePoint(120, 10, 0, 0));
    }

    @Test
    void eventsOutOfOrderGiveTheSameAnswer() {
        List<JournalEvent> shuffled = new ArrayList<>(OutageJournal.events(false));
        Collections.reverse(shuffled);
        assertThat(DrillAnalyzer.analyze(shuffled).metrics()).isEqualTo(oneStuck.metrics());
    }

    @Test
    void overlappingFaultsSpanFirstStartToLastEnd() {
        List<JournalEvent> events = new ArrayList<>(OutageJournal.events(false));
        events.add(new FaultStep(12_000, "start", "cpu", "pbx-1", "90%"));
        events.add(new FaultStep(18_000, "end", "cpu", "pbx-1", null));
        events.add(new FaultStep(24_000, "start", "freeze", "registrar", null));
        DrillAnalysis a = DrillAnalyzer.analyze(events);
        assertThat(a.faults().t0S()).isEqualTo(600.0);
        assertThat(a.faults().tRS()).isEqualTo(1200.0);
        assertThat(a.faults().windows()).containsExactly(
                new FaultWindow("registrar-outage", "registrar", 600.0, 1200.0),
                new FaultWindow("cpu", "pbx-1", 720.0, 1080.0),
                new FaultWindow("freeze", "registrar", 1440.0, null));
    }

    @Test
    void aDrillWithoutFaultsHasNoFailoverToSpeakOf() {
        List<JournalEvent> events = List.of(
                new DrillStarted(0, "calm", "embedded", 1, 1, null, null, Map.of()),
                tx(100, 0, Pop.PRIMARY, "initial", 200, "ok", 12.0, 1),
                registered(100, 0, Pop.PRIMARY));
        DrillAnalysis a = DrillAnalyzer.analyze(events);
        assertThat(a.faults().t0S()).isNull();
        assertThat(a.metrics().population()).isZero();
        assertThat(a.metrics().failover().t50S()).isNull();
        assertThat(a.metrics().phase(Phase.BASELINE).transactions()).isEqualTo(1);
        assertThat(a.metrics().phase(Phase.FAULT).retransmissionAmplification()).isNull();
        assertThat(a.sloPassed()).as("no SLOs declared").isTrue();
    }

    @Test
    void aJournalWithoutItsDrillLineIsRejected() {
        assertThatThrownBy(() -> DrillAnalyzer.analyze(List.of(registered(0, 1, Pop.PRIMARY))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no drill line");
    }
}
