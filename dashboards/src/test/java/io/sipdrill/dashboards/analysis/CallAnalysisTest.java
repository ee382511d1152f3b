package io.sipdrill.dashboards.analysis;

import io.sipdrill.dashboards.CallJournal;
import io.sipdrill.dashboards.OutageJournal;
import io.sipdrill.load.journal.JournalEvent;
import io.sipdrill.load.journal.JournalEvent.Pop;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The call numbers of {@link CallJournal}, worked out on paper in its Javadoc. */
class CallAnalysisTest {

    private final CallMetrics calls = DrillAnalyzer.analyze(CallJournal.events()).metrics().calls();

    @Test
    void countsEveryAttemptByHowItEnded() {
        assertThat(calls.reported()).isTrue();
        assertThat(calls.overall().counts())
                .as("voicemail counts as served, cancelled and failed do not")
                .isEqualTo(new CallCounts(13, 6, 1, 5, 1, 53.8));
    }

    @Test
    void failuresByCauseMostFirst() {
        assertThat(calls.failedByCause()).containsExactly(Map.entry("timeout", 2), Map.entry("503", 1),
                Map.entry("busy", 1), Map.entry("not_found", 1));
    }

    @Test
    void setupCoversAnsweredCallsOnlyAndPddEveryCallThatRang() {
        LatencySummary setup = calls.overall().setupMs();
        assertThat(setup.count()).as("the voicemail answer's 20 s ring is not setup").isEqualTo(6);
        assertThat(setup.p50()).isEqualTo(200.0);
        assertThat(setup.p95()).isEqualTo(400.0);
        assertThat(setup.p99()).isEqualTo(400.0);
        LatencySummary pdd = calls.overall().pddMs();
        assertThat(pdd.count()).isEqualTo(8);
        assertThat(pdd.p50()).isEqualTo(80.0);
        assertThat(pdd.p95()).isEqualTo(150.0);
        assertThat(calls.overall().retransmits()).isEqualTo(15);
        assertThat(calls.overall().retransmitsPerCall()).isEqualTo(1.154);
    }

    @Test
    void splitsByPopAndDirection() {
        assertThat(calls.byPop()).containsOnlyKeys(Pop.PRIMARY, Pop.BACKUP);
        assertThat(calls.byPop().get(Pop.PRIMARY).counts()).isEqualTo(new CallCounts(11, 5, 1, 5, 0, 54.5));
        assertThat(calls.byPop().get(Pop.BACKUP).counts()).isEqualTo(new CallCounts(2, 1, 0, 0, 1, 50.0));
        assertThat(calls.byDir()).containsOnlyKeys("in", "out");
        assertThat(calls.byDir().get("in").counts()).isEqualTo(new CallCounts(9, 3, 1, 4, 1, 44.4));
        assertThat(calls.byDir().get("out").counts()).isEqualTo(new CallCounts(4, 3, 0, 1, 0, 75.0));
    }

    @Test
    void aCallBelongsToThePhaseItsOutcomeFellIn() {
        // Call 5 hangs up at 12 s, inside the fault, but was answered at 8 s: baseline.
        assertThat(calls.byPhase().get(Phase.BASELINE).counts()).isEqualTo(new CallCounts(5, 3, 1, 1, 0, 80.0));
        assertThat(calls.byPhase().get(Phase.BASELINE).setupMs().p95()).isEqualTo(300.0);
        assertThat(calls.byPhase().get(Phase.FAULT).counts()).isEqualTo(new CallCounts(5, 1, 0, 3, 1, 20.0));
        assertThat(calls.byPhase().get(Phase.RECOVERY).counts()).isEqualTo(new CallCounts(3, 2, 0, 1, 0, 66.7));
    }

    @Test
    void breaksDownByPopDirectionAndPhaseInOrder() {
        assertThat(calls.cells()).extracting(c -> CallMetrics.key(c.pop()) + "/" + c.dir() + "/" + c.phase().key())
                .containsExactly("primary/in/baseline", "primary/in/fault", "primary/in/recovery",
                        "primary/out/baseline", "primary/out/fault", "primary/out/recovery", "backup/in/fault");
        assertThat(calls.cells().get(0).stats().counts().attempted()).isEqualTo(3);
        assertThat(calls.cells().get(6).stats().counts()).isEqualTo(new CallCounts(2, 1, 0, 0, 1, 50.0));
    }

    @Test
    void aDrillWithoutAFaultIsAllBaseline() {
        CallMetrics noFault = DrillAnalyzer.analyze(CallJournal.events(CallJournal.slos(), false)).metrics().calls();
        assertThat(noFault.byPhase().get(Phase.BASELINE).counts().attempted()).isEqualTo(13);
        assertThat(noFault.byPhase().get(Phase.FAULT).counts()).isEqualTo(CallCounts.NONE);
        assertThat(noFault.byPhase().get(Phase.RECOVERY).counts()).isEqualTo(CallCounts.NONE);
    }

    @Test
    void rtpQualityComesFromCallsWithMediaOnly() {
        assertThat(calls.rtp()).isEqualTo(new RtpQuality(4, 5.0, 1.5, 30.0, 9.25, 3.0, 4.0));
    }

    @Test
    void rtpIsNullNotZeroWhenNoCallHadMedia() {
        List<JournalEvent> events = new ArrayList<>();
        for (JournalEvent e : CallJournal.events()) {
            events.add(e instanceof JournalEvent.CallEnded c ? new JournalEvent.CallEnded(c.t(), c.h(), c.pop(),
                    c.dir(), c.outcome(), c.code(), c.cause(), c.setupMs(), c.pddMs(), c.talkMs(), c.sent(),
                    c.retransmits(), null, null, null) : e);
        }
        DrillMetrics m = DrillAnalyzer.analyze(events).metrics();
        assertThat(m.calls().rtp()).isEqualTo(new RtpQuality(0, null, null, null, null, null, null));
        assertThat(m.byName()).containsEntry("rtp.mos.p5", null).containsEntry("rtp.loss_pct.p95", null);
        assertThat(m.calls().overall().counts().attempted()).isEqualTo(13);
    }

    @Test
    void ddiSwitchesWithTheInboundCallsThatFollowedOnThatPop() {
        assertThat(calls.ddiSwitches()).containsExactly(
                new DdiSwitchResult(14.0, Pop.BACKUP, "operator: primary dark", new CallCounts(2, 1, 0, 0, 1, 50.0)),
                new DdiSwitchResult(21.0, Pop.PRIMARY, "operator: primary back", new CallCounts(2, 1, 0, 1, 0, 50.0)));
    }

    @Test
    void metricsByNameUseTheSummaryPaths() {
        Map<String, Double> byName = DrillAnalyzer.analyze(CallJournal.events()).metrics().byName();
        assertThat(byName)
                .containsEntry("calls.attempted", 13.0)
                .containsEntry("calls.voicemail", 1.0)
                .containsEntry("calls.answered_pct", 53.8)
                .containsEntry("calls.setup_ms.p95", 400.0)
                .containsEntry("calls.pdd_ms.p95", 150.0)
                .containsEntry("calls.retransmits_per_call", 1.154)
                .containsEntry("calls.by_pop.backup.answered_pct", 50.0)
                .containsEntry("calls.by_dir.out.answered_pct", 75.0)
                .containsEntry("calls.by_phase.fault.answered_pct", 20.0)
                .containsEntry("rtp.loss_pct.p95", 5.0)
                .containsEntry("rtp.jitter_ms.p95", 30.0)
                .containsEntry("rtp.mos.p5", 3.0)
                .containsEntry("rtp.mos.mean", 4.0);
    }

    @Test
    void aRegistrationDrillHasNoCallsToReportButKnowsTheNames() {
        DrillMetrics m = DrillAnalyzer.analyze(OutageJournal.events(true)).metrics();
        assertThat(m.calls().reported()).isFalse();
        assertThat(m.calls().overall().counts()).isEqualTo(CallCounts.NONE);
        assertThat(m.byName()).containsEntry("calls.answered_pct", null).containsKey("rtp.mos.p5");
    }

    @Test
    void aDrillThatPromisedCallsReportsZeroWhenNoneCame() {
        List<JournalEvent> startOnly = List.of(CallJournal.events().get(0), new JournalEvent.DrillEnded(1000, "aborted"));
        CallMetrics none = DrillAnalyzer.analyze(startOnly).metrics().calls();
        assertThat(none.reported()).isTrue();
        assertThat(none.overall().counts().attempted()).isZero();
        assertThat(none.overall().counts().answeredPct()).isNull();
    }
}
