package io.sipdrill.dashboards.html;

import io.sipdrill.dashboards.OutageJournal;
import io.sipdrill.dashboards.analysis.DrillAnalyzer;
import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlReportTest {

    private final String html = HtmlReport.render(DrillAnalyzer.analyze(OutageJournal.events(false)));

    @Test
    void referencesNothingOutsideItself() {
        assertThat(html).doesNotContain("http://").doesNotContain("https://")
                .doesNotContain("<script").doesNotContain("<link").doesNotContain("src=");
    }

    @Test
    void drawsTheThreeSeriesAsInlineSvg() {
        assertThat(html).contains("<svg");
        for (String series : TimelineChart.SERIES) {
            Matcher m = Pattern.compile("<polyline class=\"series series-" + series
                    + "\" data-series=\"" + series + "\" points=\"([^\"]*)\"").matcher(html);
            assertThat(m.find()).as(series).isTrue();
            assertThat(m.group(1).trim().split(" ")).as("one point per drill second").hasSize(31);
        }
    }

    @Test
    void shadesAndLabelsTheFaultWindow() {
        assertThat(html).contains("<rect class=\"fault\"").contains("fault: registrar-outage → registrar");
        assertThat(html).contains("real-equivalent minutes");
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
        assertThat(hostile).doesNotContain("<script>")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co");
    }
}
