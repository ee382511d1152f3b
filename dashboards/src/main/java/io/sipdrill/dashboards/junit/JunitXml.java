package io.sipdrill.dashboards.junit;

import io.sipdrill.dashboards.analysis.DrillAnalysis;
import io.sipdrill.dashboards.analysis.DrillInfo;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code junit.xml}: one {@code <testsuite name="sipdrill.<drill>">} in the shape Surefire writes
 * its own reports, which is what Jenkins' JUnit plugin, GitLab's test reports and the GitHub Actions
 * reporters read. Each SLO verdict and each steady-state probe is a {@code <testcase>}; a failed one
 * holds a {@code <failure>} with the measured value and the bound. Nothing is ever an {@code <error>}
 * or skipped: a value that could not be measured fails, as it does for the exit code.
 *
 * <pre>{@code
 * Path xml = JunitXml.write(analysis, outDir, RunStamp.ofJournal(journal, wallSeconds));
 * }</pre>
 */
public final class JunitXml {

    public static final String FILE_NAME = "junit.xml";

    // Surefire's timestamp: xs:dateTime without a zone (the JUnit schema forbids one), here in UTC.
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private JunitXml() {
    }

    /** Writes {@code outDir/junit.xml} and returns its path. */
    public static Path write(DrillAnalysis analysis, Path outDir, RunStamp stamp) {
        Path file = outDir.resolve(FILE_NAME);
        try {
            Files.createDirectories(outDir);
            Files.write(file, render(analysis, stamp).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    public static String render(DrillAnalysis analysis, RunStamp stamp) {
        List<JunitCase> cases = DrillCases.of(analysis);
        DrillInfo info = analysis.info();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            // The JDK's writer escapes attribute and text content; XmlText removes what XML 1.0 cannot hold at all.
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(bytes, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            newline(xml, 0);
            xml.writeStartElement("testsuite");
            attribute(xml, "name", suiteName(info));
            attribute(xml, "tests", Integer.toString(cases.size()));
            attribute(xml, "failures", Long.toString(cases.stream().filter(JunitCase::failed).count()));
            attribute(xml, "errors", "0");
            attribute(xml, "skipped", "0");
            attribute(xml, "time", seconds(info.durationS() / info.timeScale()));
            attribute(xml, "timestamp", TIMESTAMP.format(stamp.startedAt().truncatedTo(ChronoUnit.SECONDS)));
            attribute(xml, "hostname", stamp.hostname());

            newline(xml, 1);
            xml.writeStartElement("properties");
            for (Map.Entry<String, String> p : properties(analysis).entrySet()) {
                newline(xml, 2);
                xml.writeEmptyElement("property");
                attribute(xml, "name", p.getKey());
                attribute(xml, "value", p.getValue());
            }
            newline(xml, 1);
            xml.writeEndElement();

            for (JunitCase c : cases) {
                newline(xml, 1);
                writeCase(xml, c);
            }
            newline(xml, 0);
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot render junit.xml", e);
        }
        return bytes.toString(StandardCharsets.UTF_8) + "\n";
    }

    /** {@code sipdrill.<drill>}, also the prefix of every case's classname. */
    static String suiteName(DrillInfo info) {
        return "sipdrill." + (info.drill() == null || info.drill().isBlank() ? "drill" : info.drill());
    }

    private static void writeCase(XMLStreamWriter xml, JunitCase c) throws XMLStreamException {
        if (!c.failed()) {
            xml.writeEmptyElement("testcase");
            caseAttributes(xml, c);
            return;
        }
        xml.writeStartElement("testcase");
        caseAttributes(xml, c);
        newline(xml, 2);
        xml.writeStartElement("failure");
        attribute(xml, "message", c.failure().message());
        attribute(xml, "type", c.failure().type());
        xml.writeCharacters(XmlText.clean(c.failure().text()));
        xml.writeEndElement();
        newline(xml, 1);
        xml.writeEndElement();
    }

    private static void caseAttributes(XMLStreamWriter xml, JunitCase c) throws XMLStreamException {
        attribute(xml, "name", c.name());
        attribute(xml, "classname", c.className());
        // Verdicts are judged once the drill is over: they take no time of their own.
        attribute(xml, "time", "0");
    }

    /** The run's settings, so a CI page says which drill, where, how big and how fast. */
    private static Map<String, String> properties(DrillAnalysis analysis) {
        DrillInfo info = analysis.info();
        Map<String, String> p = new LinkedHashMap<>();
        p.put("drill", info.drill());
        p.put("env", info.env());
        p.put("handsets", Integer.toString(info.handsets()));
        p.put("time_scale", Quantity.of(info.timeScale(), ""));
        p.put("population", Integer.toString(analysis.metrics().population()));
        p.put("primary", info.primary());
        p.put("backup", info.backup());
        p.put("ended", analysis.cutOff().orElse(info.endReason()));
        p.put("duration_real_equivalent_s", Quantity.of(info.durationS(), ""));
        p.values().removeIf(java.util.Objects::isNull);
        return p;
    }

    private static void attribute(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeAttribute(name, XmlText.clean(value == null ? "" : value));
    }

    private static void newline(XMLStreamWriter xml, int depth) throws XMLStreamException {
        xml.writeCharacters("\n" + "  ".repeat(depth));
    }

    /** Seconds with millisecond precision, as Surefire writes them. */
    private static String seconds(double s) {
        if (!Double.isFinite(s) || s < 0) {
            return "0";
        }
        return BigDecimal.valueOf(s).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
