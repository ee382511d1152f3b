package io.sipdrill.dashboards.junit;

import io.sipdrill.dashboards.DrillReport;
import io.sipdrill.dashboards.OutageJournal;
import io.sipdrill.dashboards.ReportResult;
import org.apache.maven.plugin.surefire.log.api.NullConsoleLogger;
import org.apache.maven.plugins.surefire.report.ReportTestCase;
import org.apache.maven.plugins.surefire.report.ReportTestSuite;
import org.apache.maven.plugins.surefire.report.SurefireReportParser;
import org.apache.maven.plugins.surefire.report.TestSuiteXmlParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads the junit.xml a report writes with Maven Surefire's own report parser (the one behind
 * {@code mvn surefire-report:report}), standing in for a CI server: if Surefire reads the counts and
 * each failure's message, so do the tools that read Surefire's files.
 */
class JunitXmlSurefireParserTest {

    @TempDir
    Path dir;

    private ReportResult report() {
        Path journal = OutageJournal.write(dir.resolve("journal.jsonl"), ProbeJournal.events());
        return DrillReport.write(journal, dir.resolve("report"));
    }

    @Test
    void theReportFolderHoldsJunitXmlBesideTheOtherFiles() {
        ReportResult result = report();
        assertThat(result.junitXml()).isEqualTo(dir.resolve("report/junit.xml")).isRegularFile();
        assertThat(result.summaryJson().getParent()).isEqualTo(result.junitXml().getParent());
    }

    /**
     * Surefire files a test case under its classname, so the one suite reads back as one group per
     * classname (the SLOs, the gate's probes, the after-check's probes) whose counts add up to the file's.
     */
    @Test
    void surefireReadsTheSuiteCounts() throws Exception {
        List<ReportTestSuite> suites = new TestSuiteXmlParser(new NullConsoleLogger())
                .parse(report().junitXml().toString());
        assertThat(suites).extracting(ReportTestSuite::getFullClassName).containsExactly(
                "sipdrill.registrar-outage.slo", "sipdrill.registrar-outage.steady_state.before",
                "sipdrill.registrar-outage.steady_state.after");
        assertThat(suites.stream().mapToInt(ReportTestSuite::getNumberOfTests).sum()).isEqualTo(9);
        assertThat(suites.stream().mapToInt(ReportTestSuite::getNumberOfFailures).sum()).isEqualTo(6);
        assertThat(suites.stream().mapToInt(ReportTestSuite::getNumberOfErrors).sum()).isZero();
        assertThat(suites.stream().mapToInt(ReportTestSuite::getNumberOfSkipped).sum()).isZero();
        assertThat(suites.get(0).getNumberOfTests()).isEqualTo(6);
        assertThat(suites.get(0).getNumberOfFailures()).isEqualTo(4);
        assertThat(suites.get(2).getNumberOfFailures()).isEqualTo(2);
    }

    @Test
    void surefireReadsEachFailuresMessageAndType() throws Exception {
        List<ReportTestSuite> suites = new TestSuiteXmlParser(new NullConsoleLogger())
                .parse(report().junitXml().toString());
        Map<String, ReportTestCase> byName = suites.stream().flatMap(s -> s.getTestCases().stream())
                .collect(Collectors.toMap(c -> c.getFullClassName() + "#" + c.getName(), c -> c));
        assertThat(byName).hasSize(9);
        ReportTestCase stuck = byName.get("sipdrill.registrar-outage.slo#stuck_on_backup_pct");
        assertThat(stuck.hasFailure()).isTrue();
        assertThat(stuck.getFailureMessage()).isEqualTo("measured 11.1 %, bound ≤ 5 %");
        assertThat(stuck.getFailureType()).isEqualTo("sipdrill.SloFailed");
        assertThat(byName.get("sipdrill.registrar-outage.slo#failback.t90_s").getFailureMessage())
                .isEqualTo("not measured (not reached), bound ≤ 900 s");
        assertThat(byName.get("sipdrill.registrar-outage.steady_state.after#registered-on primary").getFailureMessage())
                .isEqualTo("measured 80 %, tolerance ≥ 95 %");
        assertThat(byName.get("sipdrill.registrar-outage.slo#failover.t50_s").isSuccessful()).isTrue();
        assertThat(byName.get("sipdrill.registrar-outage.steady_state.before#registered-on primary").isSuccessful()).isTrue();
    }

    @Test
    void surefiresFolderParserFindsItAsAReport() {
        SurefireReportParser parser = new SurefireReportParser(List.of(report().junitXml().getParent().toFile()),
                new NullConsoleLogger());
        List<ReportTestSuite> suites = parser.parseXMLReportFiles();
        assertThat(suites.stream().mapToInt(ReportTestSuite::getNumberOfTests).sum()).isEqualTo(9);
        assertThat(parser.getSummary(suites)).containsEntry("totalTests", 9).containsEntry("totalFailures", 6);
        assertThat(parser.getFailureDetails(suites)).hasSize(6)
                .extracting(ReportTestCase::getFailureMessage).contains("measured 350 ms, bound ≤ 300 ms");
    }
}
