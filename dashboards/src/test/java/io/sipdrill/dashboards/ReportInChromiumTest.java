package io.sipdrill.dashboards;

import io.sipdrill.load.journal.JournalEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Opens report.html in a real headless Chromium, from file:// as a reader would open a CI
 * artifact, and checks the charts really draw: no script error, a uPlot chart with points in
 * every container, the fault window shaded on each. Saves a full-page screenshot of each report
 * under target/report-screenshots/ for a person to look at.
 *
 * <p>Uses Debian's chromium and chromium-driver packages; the driver path is given so Selenium
 * Manager never tries to download a browser or driver (this machine has no internet).
 */
@Tag("browser")
class ReportInChromiumTest {

    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    private static final Path TARGET = Path.of(System.getProperty("basedir", "")).toAbsolutePath().resolve("target");

    /**
     * Installed before any page script runs (a collector added after load would miss errors thrown
     * while the charts are built): uncaught errors, rejected promises and console.error calls.
     */
    private static final String ERROR_COLLECTOR = """
            window.__sipdrillErrors = [];
            window.addEventListener('error', function (e) {
              window.__sipdrillErrors.push('error: ' + e.message + ' at ' + e.filename + ':' + e.lineno);
            });
            window.addEventListener('unhandledrejection', function (e) {
              window.__sipdrillErrors.push('unhandled rejection: ' + e.reason);
            });
            (function (original) {
              console.error = function () {
                window.__sipdrillErrors.push('console.error: ' + Array.prototype.join.call(arguments, ' '));
                return original.apply(console, arguments);
              };
            })(console.error);
            """;

    /**
     * Selenium looks for DevTools bindings matching Chromium's version and warns when it has none;
     * this test only sends raw DevTools commands through chromedriver, which need no bindings.
     * Held in a field: java.util.logging keeps loggers weakly, and a collected one forgets its level.
     */
    private static final java.util.logging.Logger CDP_VERSION_LOG =
            java.util.logging.Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    private static ChromeDriver driver;

    @BeforeAll
    static void startChromium() {
        CDP_VERSION_LOG.setLevel(Level.OFF);
        if (!CHROMIUM.canExecute() || !CHROMEDRIVER.canExecute()) {
            fail("this test needs Debian's Chromium and its driver at " + CHROMIUM + " and " + CHROMEDRIVER
                    + ": apt-get install chromium chromium-driver");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,2400");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", ERROR_COLLECTOR));
    }

    @AfterAll
    static void stopChromium() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void registrationOutageReportDrawsEveryChartWithTheFaultShaded() throws IOException {
        List<Map<String, Object>> charts = open("outage", OutageJournal.events(false));
        assertThat(charts).extracting(c -> c.get("id"))
                .containsExactly("handsets", "register-rate", "register-latency", "retransmissions");
    }

    @Test
    void callReportDrawsTheCallChartsWithTheFaultShaded() throws IOException {
        List<Map<String, Object>> charts = open("calls", CallJournal.events());
        assertThat(charts).extracting(c -> c.get("id"))
                .contains("handsets", "call-setup", "call-success", "mos");
    }

    @Test
    void aRunKilledMidFaultShadesTheFaultToTheEnd() throws IOException {
        // The journal of a run killed at drill 15 s: the fault never ended, no end line.
        List<JournalEvent> killed = OutageJournal.events(false).stream()
                .filter(e -> e.t() < 15_000 && !(e instanceof JournalEvent.DrillEnded)).toList();
        List<Map<String, Object>> charts = open("killed-mid-fault", killed);
        assertThat(charts).extracting(c -> c.get("id")).contains("handsets", "register-rate");
    }

    /** Writes the journal, builds its report, opens it and checks every chart; returns window.sipdrillCharts. */
    private static List<Map<String, Object>> open(String name, List<JournalEvent> events) throws IOException {
        Path dir = Files.createDirectories(TARGET.resolve("report-browser").resolve(name));
        Path journal = OutageJournal.write(dir.resolve("journal.jsonl"), events);
        Path html = DrillReport.write(journal, dir).reportHtml();
        driver.manage().logs().get(LogType.BROWSER); // drop what an earlier page logged
        driver.get(html.toUri().toString());
        try {
            // Done, or broken: a script error means the charts will never finish, so stop waiting.
            new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> driver.executeScript(
                    "return window.sipdrillCharts != null || (window.__sipdrillErrors || []).length > 0"));
        } catch (TimeoutException e) {
            fail("the charts never finished drawing in " + html + "; console: " + severe());
        }
        if (driver.executeScript("return window.sipdrillCharts") == null) {
            fail("the charts never finished drawing in " + html + "; errors: " + errors() + ", console: " + severe());
        }
        assertThat(errors()).as("script errors on " + name).isEmpty();
        assertThat(severe()).as("SEVERE console entries on " + name).isEmpty();

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> charts = (List<Map<String, Object>>) driver.executeScript("return window.sipdrillCharts");
        @SuppressWarnings("unchecked")
        List<String> containers = (List<String>) driver.executeScript(
                "return Array.from(document.querySelectorAll('[data-chart]'), e => e.getAttribute('data-chart'))");
        @SuppressWarnings("unchecked")
        List<String> drawn = (List<String>) driver.executeScript(
                "return Array.from(document.querySelectorAll('[data-chart]'))"
                        + ".filter(e => e.querySelector('.uplot canvas') && e.querySelector('.uplot canvas').width > 0)"
                        + ".map(e => e.getAttribute('data-chart'))");
        long faults = (Long) driver.executeScript(
                "return JSON.parse(document.getElementById('sipdrill-data').textContent).faults.length");

        assertThat(containers).as("chart containers").isNotEmpty();
        assertThat(charts).as("one chart per container").hasSameSizeAs(containers);
        assertThat(drawn).as("containers holding a drawn uPlot canvas").containsExactlyElementsOf(containers);
        assertThat(charts).extracting(c -> c.get("id")).as("in page order").containsExactlyElementsOf(containers);
        assertThat(faults).as(name + " has a fault window").isPositive();
        for (Map<String, Object> chart : charts) {
            assertThat(((Number) chart.get("points")).intValue()).as(chart.get("id") + " points").isPositive();
            assertThat(((Number) chart.get("faultBands")).intValue()).as(chart.get("id") + " fault bands")
                    .isEqualTo((int) faults);
        }
        screenshot(name);
        return charts;
    }

    private static List<String> errors() {
        @SuppressWarnings("unchecked")
        List<String> e = (List<String>) driver.executeScript("return window.__sipdrillErrors || ['no collector']");
        return e;
    }

    private static List<String> severe() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::toString).toList();
    }

    /** The whole page, not just the window: Chrome's DevTools can capture beyond the viewport. */
    private static void screenshot(String name) throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> metrics = (Map<String, Object>) driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        @SuppressWarnings("unchecked")
        Map<String, Object> size = (Map<String, Object>) metrics.get("cssContentSize");
        Map<String, Object> clip = Map.of("x", 0, "y", 0, "scale", 1,
                "width", ((Number) size.get("width")).doubleValue(), "height", ((Number) size.get("height")).doubleValue());
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
        Path png = Files.createDirectories(TARGET.resolve("report-screenshots")).resolve(name + ".png");
        Files.write(png, Base64.getDecoder().decode((String) shot.get("data")));
        System.out.println("report screenshot: " + png);
    }
}
