package io.sipdrill.dashboards.live;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.datapoints.GaugeDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import io.sipdrill.dashboards.analysis.CallOutcome;
import io.sipdrill.load.handset.Purpose;
import io.sipdrill.load.journal.Journal;
import io.sipdrill.load.journal.JournalEvent;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The drill's Prometheus metrics, updated from journal events: {@link #tee} puts them between the
 * drill and its journal, so what a board shows live is what the report counts afterwards (the same
 * events, the same rules: REGISTER latency only for transactions that got a response, call setup
 * only for answered calls, an unknown call outcome counted as failed).
 *
 * <pre>{@code
 * LiveMetrics metrics = new LiveMetrics();
 * try (Journal journal = metrics.tee(new JsonLinesJournal(dir.resolve("journal.jsonl")));
 *      MetricsServer server = MetricsServer.start(address, metrics.registry())) {
 *     new DrillRunner(plan, target, journal, …).run();
 * }
 * }</pre>
 *
 * Cheap on the hot path (a handset's transaction, thousands per second): data points are looked up
 * in a {@link LabelCache}, and each update is the client's own lock-free add. Series a board draws
 * are created up front with zero values (every pop, the REGISTER purposes and outcomes, both call
 * directions and outcomes), so a drill without calls shows zeros, not "no data".
 */
public final class LiveMetrics {

    /** Latency buckets, in seconds: 1 ms to 32.768 s, doubling (a LAN answer to past Timer F's 32 s). */
    static final double[] LATENCY_BUCKETS_S = exponential(0.001, 2, 16);
    /** MOS buckets: the E-model's 1–4.5 scale, finer where "good" turns "poor" (3.6–4.3). */
    static final double[] MOS_BUCKETS = {1.0, 1.5, 2.0, 2.5, 3.0, 3.3, 3.6, 3.8, 4.0, 4.2, 4.3, 4.4, 4.5};

    static final List<String> POPS = List.of("primary", "backup", "nowhere");
    static final List<String> TRANSACTION_OUTCOMES = List.of("ok", "challenged", "rejected", "timeout", "error");
    static final List<String> CALL_DIRS = List.of("in", "out");
    static final List<String> FAULT_ACTIONS = List.of("start", "end");

    private final PrometheusRegistry registry;

    private final GaugeDataPoint onPrimary;
    private final GaugeDataPoint onBackup;
    private final GaugeDataPoint nowhere;
    private final Gauge population;

    private final LabelCache<CounterDataPoint> transactions;
    private final LabelCache<CounterDataPoint> retransmissions;
    private final LabelCache<DistributionDataPoint> transactionLatency;

    private final LabelCache<CounterDataPoint> calls;
    private final LabelCache<CounterDataPoint> callRetransmissions;
    private final LabelCache<DistributionDataPoint> callSetup;
    private final LabelCache<DistributionDataPoint> callPdd;
    private final LabelCache<DistributionDataPoint> callMos;

    private final LabelCache<GaugeDataPoint> faultActive;
    private final LabelCache<CounterDataPoint> faultSteps;
    private final Gauge faultsActive;
    /** Faults started and not yet ended, as "name\0target": fault steps are rare, a set is fine. */
    private final Set<String> active = ConcurrentHashMap.newKeySet();

    private final Info drillInfo;
    private final Gauge elapsed;
    private final Gauge running;
    private final LabelCache<GaugeDataPoint> ddiRoute;

    private final LabelCache<GaugeDataPoint> probePercent;
    private final LabelCache<GaugeDataPoint> probeOk;
    private final LabelCache<GaugeDataPoint> steadyStateMet;

    /** After the drill's end line: a plain volatile read per event, no lock. */
    private volatile boolean ended;

    /** Metrics in a registry of their own (one drill per registry: a test may run several). */
    public LiveMetrics() {
        this(new PrometheusRegistry());
    }

    public LiveMetrics(PrometheusRegistry registry) {
        this.registry = registry;

        Gauge handsets = Gauge.builder().name("sipdrill_handsets")
                .help("Handsets registered on the primary POP, the backup POP, or nowhere (timeline sample, once a drill second)")
                .labelNames("pop").register(registry);
        onPrimary = handsets.labelValues("primary");
        onBackup = handsets.labelValues("backup");
        nowhere = handsets.labelValues("nowhere");
        population = Gauge.builder().name("sipdrill_handsets_population")
                .help("Handsets the drill simulates").register(registry);

        Counter tx = Counter.builder().name("sipdrill_sip_transactions_total")
                .help("Finished SIP client transactions by method, purpose (initial, refresh, retry, failover, failback,"
                        + " unregister) and outcome (ok, challenged, rejected, timeout, error)")
                .labelNames("method", "purpose", "outcome").register(registry);
        transactions = new LabelCache<>(tx::labelValues);
        Counter rtx = Counter.builder().name("sipdrill_sip_retransmissions_total")
                .help("SIP requests sent again by Timer E or A, by method").labelNames("method").register(registry);
        retransmissions = new LabelCache<>(rtx::labelValues);
        Histogram latency = latencyHistogram("sipdrill_sip_transaction_latency_seconds",
                "Wall-clock time from a request's first send to its final response, for transactions that got one")
                .labelNames("method").register(registry);
        transactionLatency = new LabelCache<>(latency::labelValues);

        Counter callCount = Counter.builder().name("sipdrill_calls_total")
                .help("Finished call attempts by direction (in: carrier to DDI, out: handset to carrier) and outcome"
                        + " (answered, voicemail, failed, cancelled)")
                .labelNames("dir", "outcome").register(registry);
        calls = new LabelCache<>(callCount::labelValues);
        Counter callRtx = Counter.builder().name("sipdrill_call_retransmissions_total")
                .help("Retransmissions calls caused (INVITE, BYE and CANCEL together), by direction")
                .labelNames("dir").register(registry);
        callRetransmissions = new LabelCache<>(callRtx::labelValues);
        Histogram setup = latencyHistogram("sipdrill_call_setup_seconds", "INVITE to 2xx of answered calls (not voicemail)")
                .labelNames("dir").register(registry);
        callSetup = new LabelCache<>(setup::labelValues);
        Histogram pdd = latencyHistogram("sipdrill_call_pdd_seconds", "Post-dial delay: INVITE to the first 180/183")
                .labelNames("dir").register(registry);
        callPdd = new LabelCache<>(pdd::labelValues);
        Histogram mos = Histogram.builder().name("sipdrill_call_rtp_mos")
                .help("E-model MOS estimate (1-4.5) of the media the caller received, for calls that carried RTP")
                .classicOnly().classicUpperBounds(MOS_BUCKETS).labelNames("dir").register(registry);
        callMos = new LabelCache<>(mos::labelValues);

        Gauge fault = Gauge.builder().name("sipdrill_fault_active")
                .help("1 while a fault is injected, 0 after it ended; by fault name and target")
                .labelNames("name", "target").register(registry);
        faultActive = new LabelCache<>(fault::labelValues);
        Counter steps = Counter.builder().name("sipdrill_fault_steps_total")
                .help("Fault steps played, by action (start, end)").labelNames("action").register(registry);
        faultSteps = new LabelCache<>(steps::labelValues);
        faultsActive = Gauge.builder().name("sipdrill_faults_active")
                .help("Faults injected right now").register(registry);

        drillInfo = Info.builder().name("sipdrill_drill_info")
                .help("The drill running: its name, environment and time scale").labelNames("drill", "env", "time_scale")
                .register(registry);
        elapsed = Gauge.builder().name("sipdrill_drill_elapsed_seconds").unit(Unit.SECONDS)
                .help("Drill time since the drill started (scaled: times time_scale for real-equivalent)").register(registry);
        running = Gauge.builder().name("sipdrill_drill_running")
                .help("1 from the drill's start line to its end line").register(registry);
        Gauge ddi = Gauge.builder().name("sipdrill_ddi_route")
                .help("1 for the POP inbound DDI calls are routed to, after a switch").labelNames("pop").register(registry);
        ddiRoute = new LabelCache<>(ddi::labelValues);

        Gauge probe = Gauge.builder().name("sipdrill_steady_state_probe_percent")
                .help("A steady-state probe's measured value in percent (NaN: not measured), before or after the method")
                .labelNames("when", "probe").register(registry);
        probePercent = new LabelCache<>(probe::labelValues);
        Gauge ok = Gauge.builder().name("sipdrill_steady_state_probe_ok")
                .help("1 when the probe held its tolerance, else 0").labelNames("when", "probe").register(registry);
        probeOk = new LabelCache<>(ok::labelValues);
        Gauge met = Gauge.builder().name("sipdrill_steady_state_met")
                .help("1 when the whole steady-state hypothesis held, else 0").labelNames("when").register(registry);
        steadyStateMet = new LabelCache<>(met::labelValues);

        createSeriesBoardsDraw();
    }

    /** The registry to serve ({@link MetricsServer}) or read. */
    public PrometheusRegistry registry() {
        return registry;
    }

    /** A journal that writes to {@code journal} and updates these metrics from every event. */
    public Journal tee(Journal journal) {
        return new MeteredJournal(journal, this);
    }

    /**
     * Updates the metrics from one event; never throws for an odd event (a metric must not fail a
     * drill). Between a drill's end line and the next start line events are ignored, as
     * {@code JsonLinesJournal} drops them (a call that ends while the drill shuts down): the final
     * numbers stay the report's.
     */
    public void record(JournalEvent event) {
        if (ended && !(event instanceof JournalEvent.DrillStarted)) {
            return;
        }
        if (event instanceof JournalEvent.Transaction tx) {
            transaction(tx);
        } else if (event instanceof JournalEvent.Retransmission r) {
            retransmissions.get(r.method()).inc();
        } else if (event instanceof JournalEvent.TimelineSample s) {
            onPrimary.set(s.primary());
            onBackup.set(s.backup());
            nowhere.set(s.nowhere());
            elapsed.set(s.t() / 1000.0);
        } else if (event instanceof JournalEvent.CallEnded call) {
            call(call);
        } else if (event instanceof JournalEvent.FaultStep f) {
            fault(f);
        } else if (event instanceof JournalEvent.DrillStarted d) {
            drillInfo.setLabelValues(orNone(d.drill()), orNone(d.env()), scale(d.timeScale()));
            population.set(d.handsets());
            running.set(1);
            elapsed.set(0);
            ended = false;
        } else if (event instanceof JournalEvent.DrillEnded end) {
            elapsed.set(end.t() / 1000.0);
            running.set(0);
            ended = true;
        } else if (event instanceof JournalEvent.DdiRoute r && r.to() != null) {
            ddiRoute.get("primary").set(r.to() == JournalEvent.Pop.PRIMARY ? 1 : 0);
            ddiRoute.get("backup").set(r.to() == JournalEvent.Pop.BACKUP ? 1 : 0);
        } else if (event instanceof JournalEvent.ProbeResult p) {
            probePercent.get(p.when(), p.probe()).set(p.value() == null ? Double.NaN : p.value());
            probeOk.get(p.when(), p.probe()).set(p.ok() ? 1 : 0);
        } else if (event instanceof JournalEvent.SteadyState s) {
            steadyStateMet.get(s.when()).set(s.met() ? 1 : 0);
        }
        // HandsetState and ActionStep: the timeline and the fault steps already say what a board needs.
    }

    private void transaction(JournalEvent.Transaction tx) {
        transactions.get(tx.method(), tx.purpose(), tx.outcome()).inc();
        // As the report: a timeout's or send error's "latency" would only measure Timer F.
        if (tx.latencyMs() != null && !"timeout".equals(tx.outcome()) && !"error".equals(tx.outcome())) {
            transactionLatency.get(tx.method()).observe(tx.latencyMs() / 1000.0);
        }
    }

    private void call(JournalEvent.CallEnded call) {
        CallOutcome outcome = CallOutcome.of(call);
        String dir = call.dir();
        calls.get(dir, token(outcome)).inc();
        if (call.retransmits() > 0) {
            callRetransmissions.get(dir).inc(call.retransmits());
        }
        if (outcome == CallOutcome.ANSWERED && call.setupMs() != null) {
            callSetup.get(dir).observe(call.setupMs() / 1000.0);
        }
        if (call.pddMs() != null) {
            callPdd.get(dir).observe(call.pddMs() / 1000.0);
        }
        if (call.mos() != null) {
            callMos.get(dir).observe(call.mos());
        }
    }

    private void fault(JournalEvent.FaultStep f) {
        faultSteps.get(f.action()).inc();
        String key = orNone(f.name()) + '\0' + orNone(f.target());
        if ("start".equals(f.action())) {
            faultActive.get(f.name(), f.target()).set(1);
            active.add(key);
        } else if ("end".equals(f.action())) {
            faultActive.get(f.name(), f.target()).set(0);
            active.remove(key);
        }
        faultsActive.set(active.size());
    }

    private void createSeriesBoardsDraw() {
        for (Purpose purpose : Purpose.values()) {
            for (String outcome : TRANSACTION_OUTCOMES) {
                transactions.get("REGISTER", purpose.token(), outcome);
            }
        }
        retransmissions.get("REGISTER");
        transactionLatency.get("REGISTER");
        for (String dir : CALL_DIRS) {
            for (CallOutcome outcome : CallOutcome.values()) {
                calls.get(dir, token(outcome));
            }
            callRetransmissions.get(dir);
            callSetup.get(dir);
            callPdd.get(dir);
            callMos.get(dir);
        }
        for (String action : FAULT_ACTIONS) {
            faultSteps.get(action);
        }
    }

    private static Histogram.Builder latencyHistogram(String name, String help) {
        // Classic buckets only: histogram_quantile over _bucket is what the boards use, and native
        // buckets would cost more per observation for nothing the text format shows.
        return Histogram.builder().name(name).unit(Unit.SECONDS).help(help).classicOnly().classicUpperBounds(LATENCY_BUCKETS_S);
    }

    private static String token(CallOutcome outcome) {
        return outcome.name().toLowerCase(Locale.ROOT);
    }

    private static String orNone(String s) {
        return s == null ? LabelCache.NONE : s;
    }

    /** 60.0 → "60", 2.5 → "2.5": the label reads as the drill file wrote it. */
    static String scale(double timeScale) {
        return BigDecimal.valueOf(timeScale).stripTrailingZeros().toPlainString();
    }

    private static double[] exponential(double start, double factor, int count) {
        double[] bounds = new double[count];
        double b = start;
        for (int i = 0; i < count; i++) {
            // rounded to the microsecond so the le labels read 0.001, 0.002 … not 0.0010000000000000002
            bounds[i] = Math.round(b * 1e6) / 1e6;
            b *= factor;
        }
        return bounds;
    }
}
