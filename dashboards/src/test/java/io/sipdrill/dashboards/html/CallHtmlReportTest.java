package io.sipdrill.dashboards.html;

import com.fasterxml.jackson.databind.JsonNode;
import io.sipdrill.dashboards.CallJournal;
import io.sipdrill.dashboards.OutageJournal;
import io.sipdrill.dashboards.analysis.DrillAnalyzer;
import io.sipdrill.load.journal.JournalEvent;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CallHtmlReportTest {

    private final String html = HtmlReport.render(DrillAnalyzer.analyze(CallJournal.events()));

    @Test
    void hasACallsSectionWithHeadlineNumbers() {
        assertThat(html).contains("<h2>Calls</h2>")
                .contains("Answered by voicemail</td><td class=\"num\">1</td>")
                .contains("Answered % (handset or voicemail ÷ attempted)</td><td class=\"num\">53.8%</td>")
                .contains("Setup INVITE → 200 p50 / p95 / p99 (ms)</td><td class=\"num\">200.00 / 400.00 / 400.00</td>");
    }

    @Test
    void breaksDownByPopDirectionAndPhaseWithTotals() {
        assertThat(html).contains("<h3>By POP, direction and phase</h3>")
                .contains("<tr><td>backup</td><td>in</td><td>fault</td><td class=\"num\">2</td>")
                .contains("<tr class=\"total\"><td>all</td><td>all</td><td>fault</td><td class=\"num\">5</td>")
                .contains("<tr class=\"total\"><td>all</td><td>all</td><td>all</td><td class=\"num\">13</td>");
    }

    @Test
    void listsFailuresMediaAndDdiSwitches() {
        assertThat(html).contains("<td>timeout</td><td class=\"num\">2</td>")
                .contains("<td>MOS</td><td class=\"num\">3.00</td><td class=\"num\">4.00</td>")
                .contains("<h3>DDI routing switches</h3>")
                .contains("<td>backup</td><td>operator: primary dark</td><td class=\"num\">2</td><td class=\"num\">50.0%</td>");
    }

    @Test
    void saysNotMeasuredWhenNoCallHadMedia() {
        List<JournalEvent> noMedia = CallJournal.events().stream()
                .map(e -> e instanceof JournalEvent.CallEnded c ? (JournalEvent) new JournalEvent.CallEnded(c.t(), c.h(),
                        c.pop(), c.dir(), c.outcome(), c.code(), c.cause(), c.setupMs(), c.pddMs(), c.talkMs(), c.sent(),
                        c.retransmits(), null, null, null) : e)
                .toList();
        assertThat(HtmlReport.render(DrillAnalyzer.analyze(noMedia)))
                .contains("No call carried RTP media: loss, jitter and MOS not measured.");
    }

    @Test
    void aDrillWithoutCallsHasNoCallsSection() {
        assertThat(HtmlReport.render(DrillAnalyzer.analyze(OutageJournal.events(true)))).doesNotContain("<h2>Calls</h2>");
    }

    @Test
    void staysSelfContained() {
        assertThat(ReportPage.urlAttributes(html)).noneMatch(v -> v.startsWith("http://") || v.startsWith("https://"));
    }

    @Test
    void addsTheCallChartsToTheOnesItHasDataFor() {
        JsonNode data = ReportPage.data(html);
        // No REGISTER in this journal: no registration charts, but the calls' retransmissions.
        assertThat(ReportPage.containers(html)).containsExactlyElementsOf(ReportPage.chartIds(data))
                .containsExactly("handsets", "retransmissions", "call-setup", "call-success", "mos");
        for (JsonNode chart : data.get("charts")) {
            assertThat(ReportPage.points(chart)).as(chart.get("id").asText()).isPositive();
        }
        assertThat(data.get("faults")).hasSize(1);
    }

    @Test
    void aCallDrillWithoutFaultsHasNoFaultWindows() {
        String page = HtmlReport.render(DrillAnalyzer.analyze(CallJournal.events(CallJournal.slos(), false)));
        assertThat(ReportPage.data(page).get("faults")).isEmpty();
        assertThat(page).doesNotContain("<ul class=\"faults\">");
    }
}
