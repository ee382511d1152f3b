package io.sipdrill.dashboards.analysis;

import io.sipdrill.dashboards.CallJournal;
import io.sipdrill.dashboards.OutageJournal;
import io.sipdrill.load.journal.JournalEvent;
import io.sipdrill.load.journal.JournalEvent.Pop;
import io.sipdrill.load.journal.JournalEvent.Retransmission;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outage journal is 30 drill seconds at 60×: 30 real-equivalent minutes in 180 buckets of
 * 10 s, so drill ms t falls in bucket t × 60 / 10 000 (1 000 ms → 6, 10 500 → 63, 12 000 → 72).
 * The call journal is 30 s in real time: 30 buckets of 1 s.
 */
class DrillSeriesBuilderTest {

    private final DrillSeries outage = DrillAnalyzer.analyze(OutageJournal.events(false)).series();
    private final DrillSeries calls = DrillAnalyzer.analyze(CallJournal.events()).series();

    @Test
    void bucketsTheOutageInTenSecondSteps() {
        assertThat(outage.buckets().widthS()).isEqualTo(10);
        assertThat(outage.registerRate().xMin()).hasSize(180).startsWith(0.0833);
    }

    @Test
    void countsRegistersPerMinuteByOutcome() {
        TimeSeries rate = outage.registerRate();
        assertThat(rate.series()).extracting(Series::key).containsExactly("ok", "rejected", "timeout");
        // 10 initial registrations in one 10 s bucket: 60 a minute.
        assertThat(values(rate, "ok").get(6)).isEqualTo(60.0);
        assertThat(values(rate, "ok").get(7)).as("an empty bucket is a rate of 0, not a gap").isEqualTo(0.0);
        assertThat(values(rate, "rejected").get(61)).as("h2's 403 at 10 300 ms").isEqualTo(6.0);
        assertThat(values(rate, "timeout").get(63)).as("h0 at 10 500 ms").isEqualTo(6.0);
        assertThat(values(rate, "timeout").get(66)).as("h1..h4 at 11 000 ms").isEqualTo(24.0);
        assertThat(values(rate, "ok").get(72)).as("5 failovers at 12 000 ms").isEqualTo(30.0);
    }

    @Test
    void takesRegisterLatencyPercentilesPerBucketOverAnsweredTransactions() {
        TimeSeries latency = outage.registerLatency();
        assertThat(latency.series()).extracting(Series::key).containsExactly("p50", "p95", "p99");
        // 10, 20, … 100 ms: nearest rank 5 of 10 is 50, ranks 10 and 10 are 100.
        assertThat(values(latency, "p50").get(6)).isEqualTo(50.0);
        assertThat(values(latency, "p95").get(6)).isEqualTo(100.0);
        assertThat(values(latency, "p99").get(6)).isEqualTo(100.0);
        // 200, 250, 300, 350, 400 ms.
        assertThat(values(latency, "p50").get(72)).isEqualTo(300.0);
        assertThat(values(latency, "p95").get(72)).isEqualTo(400.0);
        assertThat(values(latency, "p50").get(63)).as("only a timeout there: a gap").isNull();
        assertThat(latency.series(("p50")).orElseThrow().points()).as("buckets 6, 60, 61, 72, 126, 138").isEqualTo(6);
    }

    @Test
    void derivesRetransmissionsFromTransmissionsWhenTheJournalHasNoRetransmitLines() {
        TimeSeries r = outage.retransmissions();
        assertThat(r.series()).extracting(Series::key).containsExactly("register", "per_register");
        assertThat(values(r, "register").get(63)).as("h0 sent 7: 6 retransmissions in 10 s").isEqualTo(36.0);
        assertThat(values(r, "register").get(66)).as("4 × 6").isEqualTo(144.0);
        assertThat(values(r, "register").get(126)).as("h9's retry sent 3").isEqualTo(12.0);
        assertThat(values(r, "per_register").get(126)).as("(1 + 1 + 1 + 3) / 4").isEqualTo(1.5);
        assertThat(values(r, "per_register").get(7)).as("no REGISTER there").isNull();
    }

    @Test
    void prefersRetransmitLinesStampedWhenEachCopyWentOut() {
        List<JournalEvent> events = new ArrayList<>(OutageJournal.events(false));
        events.add(new Retransmission(10_200, 0, Pop.PRIMARY, "REGISTER", 2));
        events.add(new Retransmission(10_250, 0, Pop.PRIMARY, "REGISTER", 3));
        TimeSeries r = DrillAnalyzer.analyze(events).series().retransmissions();
        assertThat(values(r, "register").get(61)).isEqualTo(12.0);
        assertThat(values(r, "register").get(66)).as("the transactions' sent counts are not added again").isZero();
    }

    @Test
    void aRegistrationOnlyDrillHasNoCallSeries() {
        assertThat(outage.callSetup()).isEqualTo(TimeSeries.NONE);
        assertThat(outage.callSuccess()).isEqualTo(TimeSeries.NONE);
        assertThat(outage.mos()).isEqualTo(TimeSeries.NONE);
        assertThat(outage.callSetup().hasData()).isFalse();
    }

    @Test
    void aCallOnlyDrillHasNoRegisterSeries() {
        assertThat(calls.buckets().widthS()).isEqualTo(1);
        assertThat(calls.buckets().count()).isEqualTo(30);
        assertThat(calls.registerRate().hasData()).isFalse();
        assertThat(calls.registerLatency().hasData()).isFalse();
        assertThat(calls.retransmissions().series()).extracting(Series::key).containsExactly("calls");
        // Calls 6 and 8 (Timer B, 6 retransmissions each) end at 11 s and 13 s.
        assertThat(values(calls.retransmissions(), "calls").get(11)).isEqualTo(360.0);
        assertThat(values(calls.retransmissions(), "calls").get(13)).isEqualTo(360.0);
    }

    @Test
    void bucketsCallsWhenTheCallerLearnedTheOutcome() {
        TimeSeries setup = calls.callSetup();
        assertThat(setup.series()).extracting(Series::key).containsExactly("setup_p50", "setup_p95", "pdd_p50", "pdd_p95");
        // Calls 1 and 2 were answered at 3 s (setup 100 and 200 ms, PDD 50 and 80 ms).
        assertThat(values(setup, "setup_p50").get(3)).isEqualTo(100.0);
        assertThat(values(setup, "setup_p95").get(3)).isEqualTo(200.0);
        assertThat(values(setup, "pdd_p95").get(3)).isEqualTo(80.0);
        assertThat(values(setup, "setup_p50").get(6)).as("voicemail: no setup").isNull();
        assertThat(values(setup, "pdd_p50").get(6)).as("but it rang").isEqualTo(60.0);
        assertThat(values(setup, "setup_p50").get(5)).isNull();
    }

    @Test
    void answeredPercentPerDirectionCountsVoicemailAsServed() {
        TimeSeries success = calls.callSuccess();
        assertThat(success.series()).extracting(Series::key).containsExactly("in", "out");
        assertThat(values(success, "in").get(3)).isEqualTo(100.0);
        assertThat(values(success, "in").get(6)).as("voicemail").isEqualTo(100.0);
        assertThat(values(success, "in").get(8)).as("404").isEqualTo(0.0);
        assertThat(values(success, "out").get(13)).as("timeout").isEqualTo(0.0);
        assertThat(values(success, "in").get(0)).as("nothing attempted: a gap").isNull();
        assertThat(success.series("in").orElseThrow().points()).as("3, 6, 8, 11, 12.5, 15, 18, 23, 27 s").isEqualTo(9);
    }

    @Test
    void mosPerBucketOverTheCallsThatCarriedMedia() {
        TimeSeries mos = calls.mos();
        assertThat(mos.series()).extracting(Series::key).containsExactly("p5", "p50");
        assertThat(values(mos, "p5").get(3)).as("4.4 and 4.2").isEqualTo(4.2);
        assertThat(values(mos, "p50").get(15)).isEqualTo(3.0);
        assertThat(values(mos, "p50").get(23)).isEqualTo(4.4);
        assertThat(mos.series("p50").orElseThrow().points()).isEqualTo(3);
    }

    private static List<Double> values(TimeSeries ts, String key) {
        return ts.series(key).orElseThrow(() -> new AssertionError("no series " + key)).values();
    }
}
