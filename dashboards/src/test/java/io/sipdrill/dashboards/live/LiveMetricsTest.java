package io.sipdrill.dashboards.live;

import io.sipdrill.load.journal.Journal;
import io.sipdrill.load.journal.JournalEvent;
import io.sipdrill.load.journal.JournalEvent.CallEnded;
import io.sipdrill.load.journal.JournalEvent.Pop;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Journal events in, the registry's scrape out: deterministic, no sockets. */
class LiveMetricsTest {

    private final LiveMetrics metrics = new LiveMetrics();
    private final List<JournalEvent> passedOn = new ArrayList<>();
    private final Journal journal = metrics.tee(new Journal() {
        @Override public void write(JournalEvent event) { passedOn.add(event); }
        @Override public void flush() { }
        @Override public void close() { }
    });

    @Test
    void everyEventReachesTheJournalBehindTheMetrics() {
        List<JournalEvent> events = List.of(started(), new JournalEvent.TimelineSample(1000, 3, 1, 0),
                new JournalEvent.HandsetState(1200, 1, Pop.PRIMARY, "registered", 60.0, null),
                new JournalEvent.ActionStep(1300, "method", "freeze registrar", "ok"),
                new JournalEvent.DrillEnded(2000, "completed"));
        events.forEach(journal::write);
        assertThat(passedOn).containsExactlyElementsOf(events);
    }

    @Test
    void theTimelineSetsHandsetsPerPopAndTheDrillItsInfoAndClock() throws Exception {
        journal.write(started());
        journal.write(new JournalEvent.TimelineSample(5000, 7, 2, 1));
        Scrape s = Scrape.of(metrics.registry());
        assertThat(s.value("sipdrill_handsets", "pop", "primary")).isEqualTo(7.0);
        assertThat(s.value("sipdrill_handsets", "pop", "backup")).isEqualTo(2.0);
        assertThat(s.value("sipdrill_handsets", "pop", "nowhere")).isEqualTo(1.0);
        assertThat(s.value("sipdrill_handsets_population")).isEqualTo(10.0);
        assertThat(s.value("sipdrill_drill_info", "drill", "registrar-outage", "env", "embedded", "time_scale", "60"))
                .isEqualTo(1.0);
        assertThat(s.value("sipdrill_drill_elapsed_seconds")).isEqualTo(5.0);
        assertThat(s.value("sipdrill_drill_running")).isEqualTo(1.0);

        journal.write(new JournalEvent.DrillEnded(9500, "completed"));
        s = Scrape.of(metrics.registry());
        assertThat(s.value("sipdrill_drill_running")).isEqualTo(0.0);
        assertThat(s.value("sipdrill_drill_elapsed_seconds")).isEqualTo(9.5);
    }

    @Test
    void transactionsCountByMethodPurposeOutcomeAndOnlyAnsweredOnesTime() throws Exception {
        journal.write(register("initial", 401, "challenged", 2.0, 1));
        journal.write(register("initial", 200, "ok", 3.0, 1));
        journal.write(register("refresh", 200, "ok", 40.0, 2));
        journal.write(register("failover", null, "timeout", null, 7));
        journal.write(new JournalEvent.Retransmission(10, 1, Pop.PRIMARY, "REGISTER", 2));
        journal.write(new JournalEvent.Retransmission(11, 1, Pop.PRIMARY, "REGISTER", 3));
        Scrape s = Scrape.of(metrics.registry());
        assertThat(tx(s, "initial", "challenged")).isEqualTo(1.0);
        assertThat(tx(s, "initial", "ok")).isEqualTo(1.0);
        assertThat(tx(s, "refresh", "ok")).isEqualTo(1.0);
        assertThat(tx(s, "failover", "timeout")).isEqualTo(1.0);
        assertThat(tx(s, "failback", "ok")).as("created up front, zero").isEqualTo(0.0);
        assertThat(s.value("sipdrill_sip_retransmissions_total", "method", "REGISTER")).isEqualTo(2.0);

        // Three with a response (the timeout's "latency" would only be Timer F): 2 ms, 3 ms, 40 ms.
        String h = "sipdrill_sip_transaction_latency_seconds";
        assertThat(s.value(h + "_count", "method", "REGISTER")).isEqualTo(3.0);
        assertThat(s.value(h + "_sum", "method", "REGISTER")).isCloseTo(0.045, within(1e-9));
        assertThat(s.value(h + "_bucket", "method", "REGISTER", "le", "0.001")).isEqualTo(0.0);
        assertThat(s.value(h + "_bucket", "method", "REGISTER", "le", "0.002")).isEqualTo(1.0);
        assertThat(s.value(h + "_bucket", "method", "REGISTER", "le", "0.004")).isEqualTo(2.0);
        assertThat(s.value(h + "_bucket", "method", "REGISTER", "le", "0.064")).isEqualTo(3.0);
        assertThat(s.value(h + "_bucket", "method", "REGISTER", "le", "32.768")).isEqualTo(3.0);
        assertThat(s.value(h + "_bucket", "method", "REGISTER", "le", "+Inf")).isEqualTo(3.0);
    }

    @Test
    void callsCountAsTheReportDoesAndTimeSetupPddAndMos() throws Exception {
        journal.write(call("in", "answered", 120.0, 80.0, 4.3, 0));
        journal.write(call("in", "voicemail", 20_000.0, 90.0, null, 0)); // voicemail's setup is the no-answer timer
        journal.write(call("out", "failed", null, null, null, 3));
        journal.write(call("out", "something-new", null, null, null, 0)); // unknown: failed, as the report counts it
        Scrape s = Scrape.of(metrics.registry());
        assertThat(s.value("sipdrill_calls_total", "dir", "in", "outcome", "answered")).isEqualTo(1.0);
        assertThat(s.value("sipdrill_calls_total", "dir", "in", "outcome", "voicemail")).isEqualTo(1.0);
        assertThat(s.value("sipdrill_calls_total", "dir", "out", "outcome", "failed")).isEqualTo(2.0);
        assertThat(s.value("sipdrill_calls_total", "dir", "out", "outcome", "cancelled")).isEqualTo(0.0);
        assertThat(s.value("sipdrill_call_retransmissions_total", "dir", "out")).isEqualTo(3.0);
        assertThat(s.value("sipdrill_call_setup_seconds_count", "dir", "in")).isEqualTo(1.0);
        assertThat(s.value("sipdrill_call_setup_seconds_sum", "dir", "in")).isCloseTo(0.12, within(1e-9));
        assertThat(s.value("sipdrill_call_pdd_seconds_count", "dir", "in")).isEqualTo(2.0);
        assertThat(s.value("sipdrill_call_rtp_mos_count", "dir", "in")).isEqualTo(1.0);
        assertThat(s.value("sipdrill_call_rtp_mos_bucket", "dir", "in", "le", "4.2")).isEqualTo(0.0);
        assertThat(s.value("sipdrill_call_rtp_mos_bucket", "dir", "in", "le", "4.3")).isEqualTo(1.0);
    }

    @Test
    void aDrillWithoutCallsStillHasEveryCallSeriesAtZero() throws Exception {
        journal.write(started());
        Scrape s = Scrape.of(metrics.registry());
        for (String dir : List.of("in", "out")) {
            for (String outcome : List.of("answered", "voicemail", "failed", "cancelled")) {
                assertThat(s.value("sipdrill_calls_total", "dir", dir, "outcome", outcome)).as(dir + " " + outcome).isEqualTo(0.0);
            }
            for (String h : List.of("sipdrill_call_setup_seconds", "sipdrill_call_pdd_seconds", "sipdrill_call_rtp_mos")) {
                assertThat(s.value(h + "_count", "dir", dir)).as(h + " " + dir).isEqualTo(0.0);
                assertThat(s.value(h + "_bucket", "dir", dir, "le", "+Inf")).as(h + " " + dir).isEqualTo(0.0);
            }
        }
        assertThat(s.value("sipdrill_faults_active")).isEqualTo(0.0);
        assertThat(s.value("sipdrill_fault_steps_total", "action", "start")).isEqualTo(0.0);
        assertThat(s.series("sipdrill_handsets")).isEqualTo(3);
    }

    @Test
    void aFaultIsActiveFromItsStartToItsEnd() throws Exception {
        journal.write(new JournalEvent.FaultStep(1000, "start", "freeze", "registrar", "SIGSTOP"));
        journal.write(new JournalEvent.FaultStep(1500, "start", "cpu-squeeze", "pbx-1", "cgroup v1 cpu"));
        Scrape s = Scrape.of(metrics.registry());
        assertThat(s.value("sipdrill_fault_active", "name", "freeze", "target", "registrar")).isEqualTo(1.0);
        assertThat(s.value("sipdrill_fault_active", "name", "cpu-squeeze", "target", "pbx-1")).isEqualTo(1.0);
        assertThat(s.value("sipdrill_faults_active")).isEqualTo(2.0);

        journal.write(new JournalEvent.FaultStep(9000, "end", "freeze", "registrar", "rollback"));
        s = Scrape.of(metrics.registry());
        assertThat(s.value("sipdrill_fault_active", "name", "freeze", "target", "registrar")).isEqualTo(0.0);
        assertThat(s.value("sipdrill_faults_active")).isEqualTo(1.0);
        assertThat(s.value("sipdrill_fault_steps_total", "action", "start")).isEqualTo(2.0);
        assertThat(s.value("sipdrill_fault_steps_total", "action", "end")).isEqualTo(1.0);
    }

    @Test
    void steadyStateProbesAndDdiRoutingAreGauges() throws Exception {
        journal.write(new JournalEvent.ProbeResult(100, "before", "registered-anywhere", 98.5, 95.0, null, true));
        journal.write(new JournalEvent.ProbeResult(100, "before", "inbound-call-success", null, 90.0, null, false));
        journal.write(new JournalEvent.SteadyState(100, "before", false));
        journal.write(new JournalEvent.DdiRoute(200, Pop.BACKUP, "drill step"));
        Scrape s = Scrape.of(metrics.registry());
        assertThat(s.value("sipdrill_steady_state_probe_percent", "when", "before", "probe", "registered-anywhere")).isEqualTo(98.5);
        assertThat(s.value("sipdrill_steady_state_probe_percent", "when", "before", "probe", "inbound-call-success")).isNaN();
        assertThat(s.value("sipdrill_steady_state_probe_ok", "when", "before", "probe", "registered-anywhere")).isEqualTo(1.0);
        assertThat(s.value("sipdrill_steady_state_probe_ok", "when", "before", "probe", "inbound-call-success")).isEqualTo(0.0);
        assertThat(s.value("sipdrill_steady_state_met", "when", "before")).isEqualTo(0.0);
        assertThat(s.value("sipdrill_ddi_route", "pop", "backup")).isEqualTo(1.0);
        assertThat(s.value("sipdrill_ddi_route", "pop", "primary")).isEqualTo(0.0);
    }

    @Test
    void nullLabelValuesFromAnOddEventAreNoneNotAFailure() throws Exception {
        journal.write(new JournalEvent.Transaction(1, 1, Pop.PRIMARY, "REGISTER", null, null, "error", null, 1));
        journal.write(new CallEnded(2, -1, null, null, "answered", 200, null, null, null, null, 1, 0, null, null, null));
        Scrape s = Scrape.of(metrics.registry());
        assertThat(s.value("sipdrill_sip_transactions_total", "method", "REGISTER", "purpose", "none", "outcome", "error"))
                .isEqualTo(1.0);
        assertThat(s.value("sipdrill_calls_total", "dir", "none", "outcome", "answered")).isEqualTo(1.0);
    }

    @Test
    void manyThreadsCountEveryTransaction() throws Exception {
        int threads = 4;
        int each = 25_000;
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> {
                for (int n = 0; n < each; n++) {
                    journal.write(register(n % 2 == 0 ? "refresh" : "initial", 200, "ok", 1.5, 1));
                }
            });
            workers.add(t);
            t.start();
        }
        for (Thread t : workers) {
            t.join();
        }
        Scrape s = Scrape.of(metrics.registry());
        assertThat(tx(s, "refresh", "ok") + tx(s, "initial", "ok")).isEqualTo((double) threads * each);
        assertThat(s.value("sipdrill_sip_transaction_latency_seconds_count", "method", "REGISTER")).isEqualTo((double) threads * each);
    }

    @Test
    void afterTheEndLineNothingCountsAsTheJournalKeepsNothingEither() throws Exception {
        journal.write(started());
        journal.write(call("in", "answered", 100.0, 50.0, null, 0));
        journal.write(new JournalEvent.DrillEnded(9000, "completed"));
        journal.write(call("in", "answered", 100.0, 50.0, null, 0)); // ended while the drill shut down
        journal.write(new JournalEvent.TimelineSample(9100, 0, 0, 10));
        Scrape s = Scrape.of(metrics.registry());
        assertThat(s.value("sipdrill_calls_total", "dir", "in", "outcome", "answered")).isEqualTo(1.0);
        assertThat(s.value("sipdrill_handsets", "pop", "nowhere")).isEqualTo(0.0);
        assertThat(s.value("sipdrill_drill_elapsed_seconds")).isEqualTo(9.0);

        journal.write(started()); // a next drill counts again
        journal.write(call("in", "answered", 100.0, 50.0, null, 0));
        assertThat(Scrape.of(metrics.registry()).value("sipdrill_calls_total", "dir", "in", "outcome", "answered")).isEqualTo(2.0);
    }

    @Test
    void theTimeScaleLabelReadsAsTheDrillFileWroteIt() {
        assertThat(LiveMetrics.scale(60.0)).isEqualTo("60");
        assertThat(LiveMetrics.scale(2.5)).isEqualTo("2.5");
        assertThat(LiveMetrics.LATENCY_BUCKETS_S).startsWith(0.001, 0.002, 0.004).endsWith(16.384, 32.768);
    }

    private static JournalEvent.DrillStarted started() {
        return new JournalEvent.DrillStarted(0, "registrar-outage", "embedded", 10, 60.0, "127.0.1.1:5060", "127.0.2.1:5060", Map.of());
    }

    private static JournalEvent.Transaction register(String purpose, Integer code, String outcome, Double latencyMs, int sent) {
        return new JournalEvent.Transaction(1, 1, Pop.PRIMARY, "REGISTER", purpose, code, outcome, latencyMs, sent);
    }

    private static CallEnded call(String dir, String outcome, Double setupMs, Double pddMs, Double mos, int retransmits) {
        return new CallEnded(1, 1, Pop.PRIMARY, dir, outcome, 200, null, setupMs, pddMs, 1000.0, 1, retransmits, 0.0, 1.0, mos);
    }

    private static double tx(Scrape s, String purpose, String outcome) {
        Double v = s.value("sipdrill_sip_transactions_total", "method", "REGISTER", "purpose", purpose, "outcome", outcome);
        assertThat(v).as("REGISTER %s %s in%n%s", purpose, outcome, s.text).isNotNull();
        return v;
    }
}
