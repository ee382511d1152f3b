package io.sipdrill.dashboards.analysis;

import io.sipdrill.dashboards.slo.SloJudge;
import io.sipdrill.dashboards.slo.SloVerdict;
import io.sipdrill.load.journal.JournalEvent;
import io.sipdrill.load.journal.JournalEvent.CallEnded;
import io.sipdrill.load.journal.JournalEvent.DdiRoute;
import io.sipdrill.load.journal.JournalEvent.DrillEnded;
import io.sipdrill.load.journal.JournalEvent.DrillStarted;
import io.sipdrill.load.journal.JournalEvent.HandsetState;
import io.sipdrill.load.journal.JournalEvent.ProbeResult;
import io.sipdrill.load.journal.JournalEvent.TimelineSample;
import io.sipdrill.load.journal.JournalEvent.Transaction;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Computes a {@link DrillAnalysis} from journal events.
 *
 * <pre>{@code
 * DrillAnalysis a = DrillAnalyzer.analyze(JournalMapper.readAll(journal));
 * Double t90 = a.metrics().failover().t90S();
 * }</pre>
 */
public final class DrillAnalyzer {

    private DrillAnalyzer() {
    }

    /**
     * @throws IllegalArgumentException when the events hold no drill line: without the time scale
     *                                  and handset count nothing else can be judged
     */
    public static DrillAnalysis analyze(List<JournalEvent> events) {
        // The journal is written from a queue fed by many threads: order by drill time, keeping
        // the written order for equal stamps (List.sort is stable).
        List<JournalEvent> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparingLong(JournalEvent::t));

        DrillStarted start = sorted.stream()
                .filter(DrillStarted.class::isInstance).map(DrillStarted.class::cast)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("journal has no drill line (ev=drill)"));
        TimeScale scale = TimeScale.orUnscaled(start.timeScale());
        DrillEnded end = sorted.stream()
                .filter(DrillEnded.class::isInstance).map(DrillEnded.class::cast)
                .reduce((a, b) -> b).orElse(null);
        long lastStamp = sorted.isEmpty() ? 0 : Math.max(0, sorted.get(sorted.size() - 1).t());
        long endMs = end != null ? Math.max(end.t(), lastStamp) : lastStamp;

        List<HandsetState> states = only(sorted, HandsetState.class);
        int handsets = start.handsets() > 0 ? start.handsets()
                : (int) states.stream().mapToInt(HandsetState::h).distinct().count();
        FaultTimes faults = FaultTimes.of(sorted);

        RegistrationAnalysis.Result registrations = RegistrationAnalysis.of(states, faults, endMs, scale);
        TransactionAnalysis.Result transactions =
                TransactionAnalysis.of(only(sorted, Transaction.class), faults, scale);
        CallMetrics calls = CallAnalysis.of(only(sorted, CallEnded.class), only(sorted, DdiRoute.class), faults,
                scale, promisesCalls(start));
        DrillMetrics metrics = new DrillMetrics(registrations.population(), transactions.detectionS(),
                registrations.failover(), registrations.failback(), registrations.darkHandsetSeconds(),
                transactions.overall(), transactions.phases(), calls);

        List<SloVerdict> verdicts = SloJudge.judge(start.slo(), metrics.byName());
        DrillInfo info = new DrillInfo(start.drill(), start.env(), handsets, scale.factor(),
                start.primary(), start.backup(), end == null ? null : end.reason(),
                Rounding.round(scale.realSeconds(endMs), Rounding.SECONDS));
        Timeline timeline = TimelineBuilder.of(only(sorted, TimelineSample.class), states, handsets, endMs, scale);
        List<SteadyStateProbe> probes = only(sorted, ProbeResult.class).stream()
                .map(p -> SteadyStateProbe.of(p, scale)).toList();
        DrillSeries series = DrillSeriesBuilder.of(sorted, scale, info.durationS());
        return new DrillAnalysis(info, faults.toSchedule(scale), metrics, timeline, verdicts,
                SloJudge.allPassed(verdicts), probes, series, malformed(sorted));
    }

    /** The last {@code malformed} line's counts (each is a running total), or none. */
    private static java.util.Map<String, Long> malformed(List<JournalEvent> sorted) {
        List<JournalEvent.MalformedInput> lines = only(sorted, JournalEvent.MalformedInput.class);
        return lines.isEmpty() ? java.util.Map.of() : lines.get(lines.size() - 1).receivers();
    }

    /**
     * A drill whose SLOs judge calls or media meant to make calls: if none came (a run killed early,
     * a broken route) its report must say "0 attempted", not look like a registration-only drill.
     */
    private static boolean promisesCalls(DrillStarted start) {
        return start.slo() != null && start.slo().keySet().stream()
                .anyMatch(name -> name.startsWith("calls.") || name.startsWith("rtp."));
    }

    private static <T extends JournalEvent> List<T> only(List<JournalEvent> events, Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
