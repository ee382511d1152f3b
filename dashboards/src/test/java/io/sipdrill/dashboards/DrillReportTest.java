package io.sipdrill.dashboards;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.assertj.core.api.Assertions.assertThat;

class DrillReportTest {

    @TempDir
    Path dir;

    @Test
    void writesItsFilesAndReturnsTheAnalysis() {
        Path journal = OutageJournal.write(dir.resolve("journal.jsonl"), OutageJournal.events(true));
        ReportResult result = DrillReport.write(journal, dir.resolve("report"));
        assertThat(result.summaryJson()).isEqualTo(dir.resolve("report/summary.json")).isRegularFile();
        assertThat(result.reportHtml()).isEqualTo(dir.resolve("report/report.html")).isRegularFile();
        assertThat(result.junitXml()).isEqualTo(dir.resolve("report/junit.xml")).isRegularFile();
        assertThat(result.sloPassed()).isTrue();
        assertThat(result.analysis().metrics().failback().t90S()).isEqualTo(420.0);
    }

    @Test
    void toleratesATornLastLine() throws IOException {
        Path journal = OutageJournal.write(dir.resolve("journal.jsonl"), OutageJournal.events(false));
        ReportResult whole = DrillReport.write(journal, dir.resolve("whole"));
        // A run killed mid-write leaves half a line and no newline.
        Files.writeString(journal, "{\"ev\":\"tx\",\"t\":29500,\"h\":3,\"pop\":\"prim", StandardOpenOption.APPEND);
        ReportResult torn = DrillReport.write(journal, dir.resolve("torn"));
        assertThat(torn.analysis().metrics()).isEqualTo(whole.analysis().metrics());
        assertThat(torn.sloPassed()).isFalse();
        assertThat(torn.reportHtml()).isRegularFile();
    }
}
