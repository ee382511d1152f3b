package io.sipdrill.dashboards.slo;

import io.sipdrill.dashboards.CallJournal;
import io.sipdrill.dashboards.OutageJournal;
import io.sipdrill.dashboards.analysis.DrillAnalysis;
import io.sipdrill.dashboards.analysis.DrillAnalyzer;
import io.sipdrill.load.journal.JournalEvent.Slo;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The call-load drill's SLOs, judged against the call metrics (they used to fail as unknown metrics). */
class CallSloTest {

    private static List<SloVerdict> judge(Map<String, Slo> slos) {
        DrillAnalysis a = DrillAnalyzer.analyze(CallJournal.events());
        return SloJudge.judge(slos, a.metrics().byName());
    }

    @Test
    void callLoadSlosAreKnownAndJudgedOnTheirValues() {
        DrillAnalysis a = DrillAnalyzer.analyze(CallJournal.events());
        assertThat(a.slo()).extracting(SloVerdict::name).containsExactly("calls.answered_pct", "rtp.mos.p5");
        assertThat(a.slo()).extracting(SloVerdict::value).containsExactly(53.8, 3.0);
        assertThat(a.slo()).extracting(SloVerdict::note).containsOnlyNulls();
        assertThat(a.sloPassed()).isFalse();
    }

    @Test
    void boundsThatTheCallsMeetPass() {
        Map<String, Slo> slos = new LinkedHashMap<>();
        slos.put("calls.answered_pct", new Slo(50.0, null));
        slos.put("calls.setup_ms.p95", new Slo(null, 400.0));
        slos.put("rtp.mos.p5", new Slo(3.0, null));
        slos.put("rtp.loss_pct.p95", new Slo(null, 5.0));
        slos.put("calls.by_pop.backup.answered_pct", new Slo(50.0, null));
        assertThat(judge(slos)).allSatisfy(v -> assertThat(v.passed()).as(v.name()).isTrue());
    }

    @Test
    void aCallSloOnADrillWithoutCallsIsNotReachedRatherThanUnknown() {
        Map<String, Slo> slos = new LinkedHashMap<>();
        slos.put("calls.answered_pct", new Slo(99.0, null));
        DrillAnalysis a = DrillAnalyzer.analyze(OutageJournal.events("registrar-outage", true, slos));
        assertThat(a.slo()).singleElement().satisfies(v -> {
            assertThat(v.passed()).isFalse();
            assertThat(v.note()).isEqualTo("not reached");
        });
    }
}
