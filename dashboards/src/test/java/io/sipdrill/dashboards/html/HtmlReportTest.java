package io.sipdrill.dashboards.html;

import io.sipdrill.dashboards.OutageJournal;
import io.sipdrill.dashboards.analysis.DrillAnalyzer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import io.sipdrill.load.journal.JournalEvent;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlReportTest {

    private final String html = HtmlReport.render(DrillAnalyzer.analyze(OutageJournal.events(false)));

    @Test
    void listsTheMalformedCountsOnlyWhenTheJournalHasThem() {
        assertThat(html).as("a journal without a malformed line").doesNotContain("Malformed SIP");

        List<JournalEvent> events = new java.util.ArrayList<>(OutageJournal.events(false));
        events.add(events.size() - 1, new JournalEvent.MalformedInput(29_000,
                java.util.Map.of("handsets", 982L, "registrar", 1543L)));
        String withCounts = HtmlReport.render(DrillAnalyzer.analyze(events));

        assertThat(withCounts).contains("<h2>Malformed SIP received</h2>")
                .contains("<td>registrar</td><td class=\"num\">1543</td>")
                .contains("<td>handsets</td><td class=\"num\">982</td>")
                .contains("<td>total</td><td class=\"num\">2525</td>");
    }

    @Test
    void referencesNothingOutsideItself() {
        assertThat(ReportPage.urlAttributes(html)).as("src and href values")
                .noneMatch(v -> v.startsWith("http://") || v.startsWith("https://") || v.startsWith("//"));
        assertThat(html).doesNotContain("<link").doesNotContain("<script src").doesNotContain("<iframe");
    }

    @Test
    void inlinesUplotAndTheChartScript() {
        assertThat(html).contains("var uPlot=function()").contains(".uplot {")
                .contains("window.sipdrillCharts")
                .containsOnlyOnce("<script type=\"application/json\" id=\"sipdrill-data\">");
    }

    @Test
    void hasOneContainerPerChartInTheData() {
        JsonNode data = ReportPage.data(html);
        assertThat(ReportPage.containers(html)).as("data-chart attributes")
                .containsExactlyElementsOf(ReportPage.chartIds(data))
                .containsExactly("handsets", "register-rate", "register-latency", "retransmissions");
        for (JsonNode chart : data.get("charts")) {
            assertThat(ReportPage.points(chart)).as(chart.get("id").asText()).isPositive();
            for (JsonNode series : chart.get("series")) {
                assertThat(series.get("values")).as("one value per x").hasSize(chart.get("x").size());
            }
        }
    }

    @Test
    void theHandsetChartHasOnePointPerDrillSecond() {
        JsonNode handsets = ReportPage.data(html).get("charts").get(0);
        assertThat(handsets.get("x")).hasSize(31);
        assertThat(handsets.get("x").get(30).asDouble()).as("30 drill s × 60 = 30 min").isEqualTo(30.0);
        assertThat(handsets.get("series")).extracting(s -> s.get("key").asText())
                .containsExactly("primary", "backup", "nowhere");
    }

    @Test
    void putsTheFaultWindowInTheDataAndNamesItInText() {
        JsonNode faults = ReportPage.data(html).get("faults");
        assertThat(faults).hasSize(1);
        assertThat(faults.get(0).get("label").asText()).isEqualTo("registrar-outage → registrar");
        assertThat(faults.get(0).get("startMin").asDouble()).isEqualTo(10.0);
        assertThat(faults.get(0).get("endMin").asDouble()).isEqualTo(20.0);
        assertThat(html).contains("<li>fault: registrar-outage → registrar, 600.0 s (10.0 min) – 1200.0 s (20.0 min)</li>")
                .contains("real-equivalent minutes").contains("per 10 s of real-equivalent time");
    }

    @Test
    void aFaultNeverRemovedIsShadedToTheEnd() {
        List<JournalEvent> cut = OutageJournal.events(false).stream()
                .filter(e -> !(e instanceof JournalEvent.FaultStep f && "end".equals(f.action()))).toList();
        String page = HtmlReport.render(DrillAnalyzer.analyze(cut));
        assertThat(ReportPage.data(page).get("faults").get(0).get("endMin").isNull()).isTrue();
        assertThat(page).contains("600.0 s (10.0 min) – never removed");
    }

    @Test
    void tablesShowTheMeasurementsAndVerdicts() {
        assertThat(html).contains("Drill report: registrar-outage")
                .contains("Environment: <strong>embedded</strong>")
                .contains("120.0 s (2.0 min)")
                .contains("360.0 s (6.0 min)")
                .contains("Stuck on the backup at the end</td><td class=\"num\">1 (11.1%)")
                .contains("<td class=\"num\">3.500</td>")
                .contains("<td class=\"num\">250.00</td>")
                .contains("<td>failback.t90_s</td><td class=\"num\">not reached</td><td>≤ 900</td><td class=\"fail\">FAIL</td>")
                .contains("2 of 4 SLOs failed");
    }

    @Test
    void escapesEverythingTheJournalSupplies() {
        String hostile = HtmlReport.render(DrillAnalyzer.analyze(
                OutageJournal.events("<script>alert('x')</script> & co", false, OutageJournal.slos())));
        assertThat(hostile).doesNotContain("<script>alert").doesNotContain("</script> & co")
                .contains("\\u003cscript>alert('x')\\u003c/script> & co").as("in the chart data")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co");
    }

    @Test
    void showsTheSteadyStateProbesAsCheckedBeforeAndAfterTheMethod() {
        List<JournalEvent> events = new java.util.ArrayList<>(OutageJournal.events(false));
        events.add(new JournalEvent.ProbeResult(9_000, "before", "registered-on primary", 100.0, 95.0, null, true));
        events.add(new JournalEvent.ProbeResult(29_000, "after", "inbound-call-success", null, 99.0, null, false));
        String page = HtmlReport.render(DrillAnalyzer.analyze(events));

        assertThat(page).contains("<h2>Steady state</h2>")
                .contains("<td>before</td>").contains("<td>registered-on primary</td>").contains("100.0%").contains("held")
                .contains("<td>inbound-call-success</td>").contains("not measured").contains("≥ 99.0%").contains("NOT MET");
        assertThat(html).as("a drill without a hypothesis has no such table").doesNotContain("Steady state");
    }
}
