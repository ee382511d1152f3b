package io.sipdrill.dashboards.analysis;

import io.sipdrill.load.journal.JournalEvent;
import io.sipdrill.load.journal.JournalEvent.CallEnded;
import io.sipdrill.load.journal.JournalEvent.Retransmission;
import io.sipdrill.load.journal.JournalEvent.Transaction;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Builds {@link DrillSeries} in one pass over the journal: each transaction, retransmission and
 * call lands in the bucket of the moment it reports (a transaction when it finished, a call when
 * its caller learned the outcome, as the phase tables count them).
 */
final class DrillSeriesBuilder {

    /** The journal's outcomes in the order a reader expects them; an unknown one is added after. */
    private static final List<String> OUTCOMES = List.of("ok", "challenged", "rejected", "timeout", "error");
    private static final List<String> DIRECTIONS = List.of("in", "out");

    private final Buckets buckets;
    private final TimeScale scale;
    private final Map<String, int[]> registersByOutcome = new LinkedHashMap<>();
    private final LatencySamples[] registerLatency;
    private final int[] registerTransactions;
    private final long[] registerSent;
    private final int[] retransmitLines;
    private final int[] retransmitsFromSent;
    private final int[] callRetransmits;
    private final LatencySamples[] setup;
    private final LatencySamples[] pdd;
    private final LatencySamples[] mos;
    private final Map<String, int[]> attemptedByDir = new LinkedHashMap<>();
    private final Map<String, int[]> servedByDir = new LinkedHashMap<>();
    private boolean anyRetransmitLine;
    private boolean anyCall;

    private DrillSeriesBuilder(Buckets buckets, TimeScale scale) {
        this.buckets = buckets;
        this.scale = scale;
        int n = buckets.count();
        registerLatency = samples(n);
        registerTransactions = new int[n];
        registerSent = new long[n];
        retransmitLines = new int[n];
        retransmitsFromSent = new int[n];
        callRetransmits = new int[n];
        setup = samples(n);
        pdd = samples(n);
        mos = samples(n);
    }

    /** @param durationS the drill's real-equivalent duration, which sets the bucket width */
    static DrillSeries of(List<JournalEvent> events, TimeScale scale, double durationS) {
        DrillSeriesBuilder b = new DrillSeriesBuilder(Buckets.covering(durationS), scale);
        for (JournalEvent event : events) {
            if (event instanceof Transaction tx) {
                b.add(tx);
            } else if (event instanceof Retransmission r) {
                b.add(r);
            } else if (event instanceof CallEnded call) {
                b.add(call);
            }
        }
        return b.build();
    }

    private int bucket(long drillMs) {
        return buckets.indexOf(scale.realSeconds(drillMs));
    }

    private void add(Transaction tx) {
        if (!isRegister(tx.method())) {
            return;
        }
        int i = bucket(tx.t());
        String outcome = tx.outcome() == null ? "unknown" : tx.outcome().toLowerCase(Locale.ROOT);
        registersByOutcome.computeIfAbsent(outcome, o -> new int[buckets.count()])[i]++;
        registerTransactions[i]++;
        registerSent[i] += Math.max(1, tx.sent());
        retransmitsFromSent[i] += Math.max(0, tx.sent() - 1);
        if (TransactionTally.gotResponse(tx) && tx.latencyMs() != null) {
            registerLatency[i].add(tx.latencyMs());
        }
    }

    private void add(Retransmission r) {
        anyRetransmitLine = true;
        retransmitLines[bucket(r.t())]++;
    }

    private void add(CallEnded call) {
        anyCall = true;
        int i = bucket(CallAnalysis.outcomeAt(call));
        String dir = call.dir() == null ? "unknown" : call.dir();
        attemptedByDir.computeIfAbsent(dir, d -> new int[buckets.count()])[i]++;
        int[] served = servedByDir.computeIfAbsent(dir, d -> new int[buckets.count()]);
        CallOutcome outcome = CallOutcome.of(call);
        if (outcome == CallOutcome.ANSWERED || outcome == CallOutcome.VOICEMAIL) {
            served[i]++;
        }
        // Same rule as the calls table: setup only for calls a handset or the far end answered.
        if (outcome == CallOutcome.ANSWERED && call.setupMs() != null) {
            setup[i].add(call.setupMs());
        }
        if (call.pddMs() != null) {
            pdd[i].add(call.pddMs());
        }
        if (call.mos() != null && !call.mos().isNaN()) {
            mos[i].add(call.mos());
        }
        // The call line holds INVITE, BYE and CANCEL retransmissions together, stamped at its end.
        callRetransmits[bucket(call.t())] += Math.max(0, call.retransmits());
    }

    private DrillSeries build() {
        return new DrillSeries(buckets, registerRate(), registerLatency(), retransmissions(), callSetup(),
                callSuccess(), mos());
    }

    private TimeSeries registerRate() {
        List<Series> lines = new ArrayList<>();
        List<String> order = new ArrayList<>(OUTCOMES);
        registersByOutcome.keySet().stream().filter(o -> !order.contains(o)).sorted().forEach(order::add);
        for (String outcome : order) {
            int[] counts = registersByOutcome.get(outcome);
            if (counts != null) {
                lines.add(new Series(outcome, outcome + " (REGISTER/min)", perMinute(counts)));
            }
        }
        return timeSeries(lines);
    }

    private TimeSeries registerLatency() {
        List<Series> lines = new ArrayList<>();
        for (int p : new int[] {50, 95, 99}) {
            lines.add(new Series("p" + p, "p" + p + " (ms)", percentile(registerLatency, p)));
        }
        return timeSeries(lines);
    }

    private TimeSeries retransmissions() {
        boolean anyRegister = !registersByOutcome.isEmpty();
        List<Series> lines = new ArrayList<>();
        if (anyRegister || anyRetransmitLine) {
            // The retransmit lines are stamped when each copy went out; a journal without them
            // (older, or hand-made) still says how many copies each transaction took to finish.
            int[] register = anyRetransmitLine ? retransmitLines : retransmitsFromSent;
            lines.add(new Series("register", "REGISTER retransmissions (/min)", perMinute(register)));
        }
        if (anyCall) {
            lines.add(new Series("calls", "call retransmissions (/min)", perMinute(callRetransmits)));
        }
        if (anyRegister) {
            List<Double> perTx = new ArrayList<>(buckets.count());
            for (int i = 0; i < buckets.count(); i++) {
                perTx.add(registerTransactions[i] == 0 ? null
                        : Rounding.round((double) registerSent[i] / registerTransactions[i], Rounding.RATIO));
            }
            lines.add(new Series("per_register", "transmissions per REGISTER", perTx));
        }
        return timeSeries(lines);
    }

    private TimeSeries callSetup() {
        if (!anyCall) {
            return TimeSeries.NONE;
        }
        return timeSeries(List.of(
                new Series("setup_p50", "setup p50 (ms)", percentile(setup, 50)),
                new Series("setup_p95", "setup p95 (ms)", percentile(setup, 95)),
                new Series("pdd_p50", "post-dial delay p50 (ms)", percentile(pdd, 50)),
                new Series("pdd_p95", "post-dial delay p95 (ms)", percentile(pdd, 95))));
    }

    private TimeSeries callSuccess() {
        List<String> order = new ArrayList<>(DIRECTIONS);
        attemptedByDir.keySet().stream().filter(d -> !order.contains(d)).sorted().forEach(order::add);
        List<Series> lines = new ArrayList<>();
        for (String dir : order) {
            int[] attempted = attemptedByDir.get(dir);
            if (attempted == null) {
                continue;
            }
            int[] served = servedByDir.get(dir);
            List<Double> pct = new ArrayList<>(buckets.count());
            for (int i = 0; i < buckets.count(); i++) {
                pct.add(Rounding.percent(served[i], attempted[i]));
            }
            lines.add(new Series(dir, direction(dir) + " answered (%)", pct));
        }
        return timeSeries(lines);
    }

    private TimeSeries mos() {
        return timeSeries(List.of(
                new Series("p5", "MOS p5", percentile(mos, 5, Rounding.MEDIA)),
                new Series("p50", "MOS median", percentile(mos, 50, Rounding.MEDIA))));
    }

    /** Series that measured nothing are dropped, and a chart left with none is {@link TimeSeries#NONE}. */
    private TimeSeries timeSeries(List<Series> lines) {
        List<Series> drawn = lines.stream().filter(s -> s.points() > 0).toList();
        return drawn.isEmpty() ? TimeSeries.NONE : new TimeSeries(buckets.centresMin(), drawn);
    }

    /** Counts per real-equivalent minute; a bucket's own span, so a short last bucket is not under-read. */
    private List<Double> perMinute(int[] counts) {
        List<Double> rate = new ArrayList<>(counts.length);
        for (int i = 0; i < counts.length; i++) {
            rate.add(Rounding.round(counts[i] * 60.0 / buckets.spanS(i), Rounding.RATIO));
        }
        return rate;
    }

    private static List<Double> percentile(LatencySamples[] perBucket, int p) {
        return percentile(perBucket, p, Rounding.LATENCY_MS);
    }

    private static List<Double> percentile(LatencySamples[] perBucket, int p, int digits) {
        return map(perBucket, s -> s.percentile(p, digits));
    }

    private static List<Double> map(LatencySamples[] perBucket, Function<LatencySamples, Double> f) {
        List<Double> values = new ArrayList<>(perBucket.length);
        for (LatencySamples s : perBucket) {
            values.add(f.apply(s));
        }
        return values;
    }

    private static String direction(String dir) {
        return switch (dir) {
            case "in" -> "inbound";
            case "out" -> "outbound";
            default -> dir;
        };
    }

    /** The same rule as the phase table's latency: only lines that say REGISTER. */
    private static boolean isRegister(String method) {
        return "REGISTER".equalsIgnoreCase(method);
    }

    private static LatencySamples[] samples(int n) {
        LatencySamples[] s = new LatencySamples[n];
        for (int i = 0; i < n; i++) {
            s[i] = new LatencySamples();
        }
        return s;
    }
}
