package io.sipdrill.dashboards.junit;

import io.sipdrill.dashboards.OutageJournal;
import io.sipdrill.dashboards.analysis.DrillAnalysis;
import io.sipdrill.dashboards.analysis.DrillAnalyzer;
import io.sipdrill.load.journal.JournalEvent;
import io.sipdrill.load.journal.JournalEvent.Slo;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JunitXmlTest {

    private static final RunStamp STAMP = new RunStamp(Instant.parse("2026-12-02T05:00:00.400Z"), "ci-runner-7");

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static Element testcase(Document doc, String classname, String name) {
        NodeList cases = doc.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            Element c = (Element) cases.item(i);
            if (c.getAttribute("classname").equals(classname) && c.getAttribute("name").equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no testcase " + classname + " / " + name);
    }

    private static Element failureOf(Element testcase) {
        NodeList f = testcase.getElementsByTagName("failure");
        return f.getLength() == 0 ? null : (Element) f.item(0);
    }

    @Test
    void suiteCountsEverySloAndProbeWithItsSettings() throws Exception {
        Document doc = parse(JunitXml.render(DrillAnalyzer.analyze(ProbeJournal.events()), STAMP));
        Element suite = doc.getDocumentElement();
        assertThat(suite.getTagName()).isEqualTo("testsuite");
        assertThat(suite.getAttribute("name")).isEqualTo("sipdrill.registrar-outage");
        assertThat(suite.getAttribute("tests")).as("6 SLOs + 3 probes").isEqualTo("9");
        assertThat(suite.getAttribute("failures")).isEqualTo("6");
        assertThat(suite.getAttribute("errors")).isEqualTo("0");
        assertThat(suite.getAttribute("skipped")).isEqualTo("0");
        assertThat(suite.getAttribute("time")).as("30 s of drill time, as it played").isEqualTo("30");
        assertThat(suite.getAttribute("timestamp")).isEqualTo("2026-12-02T05:00:00");
        assertThat(suite.getAttribute("hostname")).isEqualTo("ci-runner-7");

        NodeList props = doc.getElementsByTagName("property");
        Map<String, String> byName = new java.util.LinkedHashMap<>();
        for (int i = 0; i < props.getLength(); i++) {
            Element p = (Element) props.item(i);
            byName.put(p.getAttribute("name"), p.getAttribute("value"));
        }
        assertThat(byName).containsEntry("drill", "registrar-outage").containsEntry("env", "embedded")
                .containsEntry("handsets", "10").containsEntry("time_scale", "60").containsEntry("ended", "completed");
    }

    @Test
    void aPassingSloIsATestcaseWithoutFailure() throws Exception {
        Document doc = parse(JunitXml.render(DrillAnalyzer.analyze(ProbeJournal.events()), STAMP));
        Element t50 = testcase(doc, "sipdrill.registrar-outage.slo", "failover.t50_s");
        assertThat(failureOf(t50)).isNull();
        assertThat(t50.getAttribute("time")).isEqualTo("0");
    }

    @Test
    void aFailedSloSaysWhatWasMeasuredAgainstWhichBoundWithTheUnit() throws Exception {
        Document doc = parse(JunitXml.render(DrillAnalyzer.analyze(ProbeJournal.events()), STAMP));
        Element stuck = failureOf(testcase(doc, "sipdrill.registrar-outage.slo", "stuck_on_backup_pct"));
        assertThat(stuck.getAttribute("message")).isEqualTo("measured 11.1 %, bound ≤ 5 %");
        assertThat(stuck.getAttribute("type")).isEqualTo(DrillCases.SLO_FAILED);
        assertThat(stuck.getTextContent()).contains("measured: 11.1 %").contains("bound: ≤ 5 %");

        Element p95 = failureOf(testcase(doc, "sipdrill.registrar-outage.slo", "register_latency_ms.p95"));
        assertThat(p95.getAttribute("message")).isEqualTo("measured 350 ms, bound ≤ 300 ms");
    }

    @Test
    void anSloThatCouldNotBeMeasuredFailsSayingSo() throws Exception {
        Document doc = parse(JunitXml.render(DrillAnalyzer.analyze(ProbeJournal.events()), STAMP));
        Element t90 = failureOf(testcase(doc, "sipdrill.registrar-outage.slo", "failback.t90_s"));
        assertThat(t90.getAttribute("message")).isEqualTo("not measured (not reached), bound ≤ 900 s");
        assertThat(t90.getAttribute("type")).isEqualTo(DrillCases.NOT_MEASURED);

        Element unknown = failureOf(testcase(doc, "sipdrill.registrar-outage.slo", "no_such.metric_pct"));
        assertThat(unknown.getAttribute("type")).isEqualTo(DrillCases.UNKNOWN_METRIC);
        assertThat(unknown.getAttribute("message")).startsWith("unknown metric").endsWith("bound ≤ 1 %");
    }

    @Test
    void eachSteadyStateProbeIsATestcaseOfItsCheck() throws Exception {
        Document doc = parse(JunitXml.render(DrillAnalyzer.analyze(ProbeJournal.events()), STAMP));
        assertThat(failureOf(testcase(doc, "sipdrill.registrar-outage.steady_state.before", "registered-on primary"))).isNull();

        Element after = failureOf(testcase(doc, "sipdrill.registrar-outage.steady_state.after", "registered-on primary"));
        assertThat(after.getAttribute("message")).isEqualTo("measured 80 %, tolerance ≥ 95 %");
        assertThat(after.getAttribute("type")).isEqualTo(DrillCases.STEADY_STATE_NOT_MET);
        assertThat(after.getTextContent()).contains("deviated");

        Element calls = failureOf(testcase(doc, "sipdrill.registrar-outage.steady_state.after", "inbound-call-success"));
        assertThat(calls.getAttribute("message")).isEqualTo("not measured, tolerance ≥ 99 %");
        assertThat(calls.getAttribute("type")).isEqualTo(DrillCases.NOT_MEASURED);
    }

    @Test
    void allPassingIsASuiteWithoutFailures() throws Exception {
        DrillAnalysis passing = DrillAnalyzer.analyze(OutageJournal.events(true));
        Element suite = parse(JunitXml.render(passing, STAMP)).getDocumentElement();
        assertThat(suite.getAttribute("tests")).isEqualTo("4");
        assertThat(suite.getAttribute("failures")).isEqualTo("0");
        assertThat(suite.getElementsByTagName("failure").getLength()).isZero();
    }

    @Test
    void aDrillWithoutSlosOrHypothesisIsAnEmptySuite() throws Exception {
        DrillAnalysis none = DrillAnalyzer.analyze(OutageJournal.events("no-slo", true, Map.of()));
        Element suite = parse(JunitXml.render(none, STAMP)).getDocumentElement();
        assertThat(suite.getAttribute("tests")).isEqualTo("0");
        assertThat(suite.getAttribute("name")).isEqualTo("sipdrill.no-slo");
    }

    @Test
    void namesThatNeedEscapingStayWellFormed() throws Exception {
        // A drill named by a file can hold anything; a control character is not even escapable in XML 1.0.
        List<JournalEvent> events = new ArrayList<>(OutageJournal.events("a<b>&\"c\"\u0007", true,
                Map.of("stuck_on_backup_pct", new Slo(null, -1.0))));
        String xml = JunitXml.render(DrillAnalyzer.analyze(events), STAMP);
        Element suite = parse(xml).getDocumentElement();
        assertThat(suite.getAttribute("name")).isEqualTo("sipdrill.a<b>&\"c\"");
        assertThat(xml).contains("&lt;b").doesNotContain("\u0007");
        assertThat(failureOf((Element) suite.getElementsByTagName("testcase").item(0)).getAttribute("message"))
                .isEqualTo("measured 0 %, bound ≤ -1 %");
    }
}
