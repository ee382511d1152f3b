package io.sipdrill.dashboards;

import io.sipdrill.dashboards.analysis.DrillAnalyzer;
import io.sipdrill.dashboards.summary.SummaryJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A report rebuilt from a written journal with calls says what the analysis of the events says. */
class CallReportRebuildTest {

    @TempDir
    Path dir;

    @Test
    void summaryFromTheJournalFileEqualsTheSummaryOfTheEvents() throws IOException {
        Path journal = CallJournal.write(dir.resolve("journal.jsonl"));
        ReportResult first = DrillReport.write(journal, dir.resolve("first"));
        ReportResult again = DrillReport.write(journal, dir.resolve("again"));
        String expected = SummaryJson.render(DrillAnalyzer.analyze(CallJournal.events())) + "\n";
        assertThat(Files.readString(first.summaryJson())).isEqualTo(expected);
        assertThat(Files.readString(again.summaryJson())).isEqualTo(expected);
        assertThat(first.analysis().metrics().calls().overall().counts().attempted()).isEqualTo(13);
        assertThat(Files.readString(first.reportHtml())).contains("<h2>Calls</h2>");
    }
}
