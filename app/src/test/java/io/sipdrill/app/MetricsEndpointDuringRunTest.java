package io.sipdrill.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code run --metrics 127.0.210.1:9464} through the CLI on the embedded topology (the drill's
 * default addresses, waiting while another run holds them): a short outage with inbound calls
 * (src/test/resources/drills/metrics-outage.yaml, about 10 s of drill after Gatling's boot) while a
 * thread scrapes the endpoint as Prometheus would. The endpoint answers during the run, the
 * handsets gauge goes above zero, and every metric a Grafana board of dashboards/grafana/ queries
 * is in a scrape: a renamed metric cannot leave a panel empty unnoticed. Scraped after the drill's
 * end line (the endpoint stays up until the report is written), the counters are the report's.
 */
class MetricsEndpointDuringRunTest {

    private static final Duration PORT_WAIT = Duration.ofMinutes(3);
    private static final String ADDRESS = "127.0.210.1:9464";
    private static final URI METRICS = URI.create("http://" + ADDRESS + "/metrics");
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})? (\\S+)$", Pattern.MULTILINE);
    private static final Pattern HANDSETS = Pattern.compile("^sipdrill_handsets\\{pop=\"(primary|backup)\"} (\\S+)$", Pattern.MULTILINE);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    @Test
    void theEndpointServesEveryMetricTheBoardsQueryWhileTheDrillRuns() throws Exception {
        Set<String> boardMetrics = GrafanaQueries.metricNames(grafanaDir());
        assertThat(boardMetrics).as("metrics the boards query").hasSizeGreaterThan(10);

        Scraper scraper = new Scraper();
        Thread scraping = new Thread(scraper, "metrics-scraper");
        scraping.setDaemon(true);
        scraping.start();
        Path runDir = Path.of("target", "metrics-run-" + System.currentTimeMillis());
        CliCapture.Result run;
        try {
            run = DefaultDrillPorts.runWhenFree(PORT_WAIT, "run", "src/test/resources/drills/metrics-outage.yaml",
                    "--metrics", ADDRESS, "--report", runDir.toString());
        } finally {
            scraper.stop = true;
            scraping.join(5_000);
        }

        assertThat(run.exitCode()).as("exit code; stdout:%n%s%nstderr:%n%s", run.out(), run.err()).isZero();
        assertThat(run.out()).contains("sipdrill: metrics on http://" + ADDRESS + "/metrics");
        assertThat(scraper.whileRunning.get()).as("scrapes answered while sipdrill_drill_running was 1").isPositive();
        assertThat(scraper.maxRegistered).as("sipdrill_handsets on primary + backup, at its highest").isPositive();
        assertThat(scraper.names).as("sample names scraped during the run")
                .contains("sipdrill_fault_active", "sipdrill_calls_total")
                .containsAll(boardMetrics);
        assertThat(runDir.resolve("report.html")).as("the report is written with --metrics on").isRegularFile();

        // The last scrape after the end line says what summary.json says.
        String last = scraper.afterEnd;
        assertThat(last).as("a scrape between the drill's end line and the report").isNotNull();
        JsonNode summary = new ObjectMapper().readTree(runDir.resolve("summary.json").toFile());
        int transactions = 0;
        for (JsonNode phase : summary.get("phases")) {
            transactions += phase.get("transactions").asInt();
        }
        assertThat(sum(last, "sipdrill_sip_transactions_total")).as("transactions, live and in summary.json").isEqualTo(transactions);
        assertThat(summary.at("/calls/attempted").asInt()).as("calls attempted: %s", summary).isPositive();
        assertThat(sum(last, "sipdrill_calls_total")).as("calls, live and in summary.json").isEqualTo(summary.at("/calls/attempted").asInt());
        assertThat(sum(last, "sipdrill_fault_steps_total")).as("the freeze's start and end").isEqualTo(2);

        // Stopped after the report: nothing listens there any more.
        assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(METRICS).timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
    }

    @Test
    void aMetricsAddressOffLoopbackIsBadInputUnlessAllowed() {
        CliCapture.Result r = CliCapture.execute("run", "--metrics", "192.0.2.10:9464");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--metrics 192.0.2.10:9464 is not a loopback address")
                .contains("--allow-target 192.0.2.10/32");
        CliCapture.Result noPort = CliCapture.execute("run", "--metrics", "127.0.210.1");
        assertThat(noPort.exitCode()).isEqualTo(2);
        assertThat(noPort.err()).contains("--metrics 127.0.210.1: expected HOST:PORT");
    }

    @Test
    void aMetricsAddressInUseIsBadInputBeforeAnythingStarts() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.210.4"))) {
            String address = "127.0.210.4:" + taken.getLocalPort();
            CliCapture.Result r = CliCapture.execute("run", "--metrics", address);
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err()).contains("--metrics " + address + ": Address already in use");
            assertThat(r.out()).doesNotContain("starting");
        }
    }

    /** The sum of a sample name's series in a scrape (counters here: whole numbers). */
    private static long sum(String body, String name) {
        double total = 0;
        Matcher m = SAMPLE.matcher(body);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                total += Double.parseDouble(m.group(3));
            }
        }
        return Math.round(total);
    }

    private static Path grafanaDir() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("dashboards/grafana"))) {
                return dir.resolve("dashboards/grafana");
            }
        }
        throw new IllegalStateException("no dashboards/grafana above " + Path.of("").toAbsolutePath());
    }

    /** Scrapes every 100 ms (a scrape also between the end line and the report), and keeps what it saw. */
    private final class Scraper implements Runnable {
        volatile boolean stop;
        final Set<String> names = java.util.concurrent.ConcurrentHashMap.newKeySet();
        final AtomicInteger whileRunning = new AtomicInteger();
        volatile double maxRegistered;
        /** The last scrape after the drill's end line (running 0, the drill known). */
        volatile String afterEnd;

        @Override
        public void run() {
            HttpRequest get = HttpRequest.newBuilder(METRICS).timeout(Duration.ofSeconds(2)).build();
            while (!stop) {
                try {
                    HttpResponse<String> r = http.send(get, HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200) {
                        read(r.body());
                    }
                } catch (IOException notUpYet) {
                    // before the CLI bound it, or while it waits for the default ports
                } catch (InterruptedException e) {
                    return;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        private void read(String body) {
            Matcher m = SAMPLE.matcher(body);
            while (m.find()) {
                names.add(m.group(1));
            }
            if (body.contains("\nsipdrill_drill_running 1")) {
                whileRunning.incrementAndGet();
            } else if (body.contains("\nsipdrill_drill_info{")) {
                afterEnd = body;
            }
            double registered = 0;
            Matcher h = HANDSETS.matcher(body);
            while (h.find()) {
                registered += Double.parseDouble(h.group(2));
            }
            maxRegistered = Math.max(maxRegistered, registered);
        }
    }

    /**
     * The metric names the Grafana boards query: every {@code expr} of a panel target or an
     * annotation, with string literals, label matchers, ranges and {@code by (…)} clauses removed,
     * leaving the {@code sipdrill_…} selectors (a histogram's as its {@code _bucket} series, which
     * is what a scrape shows).
     */
    static final class GrafanaQueries {

        private static final Pattern METRIC = Pattern.compile("\\bsipdrill_[a-zA-Z0-9_:]*");

        static Set<String> metricNames(Path grafanaDir) throws IOException {
            List<String> exprs = new ArrayList<>();
            try (DirectoryStream<Path> boards = Files.newDirectoryStream(grafanaDir, "*.json")) {
                for (Path board : boards) {
                    collect(new ObjectMapper().readTree(board.toFile()), exprs);
                }
            }
            assertThat(exprs).as("PromQL expressions in %s", grafanaDir).isNotEmpty();
            Set<String> names = new TreeSet<>();
            for (String expr : exprs) {
                String bare = expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
                        .replaceAll("\\{[^}]*}", "")
                        .replaceAll("\\[[^]]*]", "")
                        .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", "");
                Matcher m = METRIC.matcher(bare);
                boolean any = false;
                while (m.find()) {
                    names.add(m.group());
                    any = true;
                }
                assertThat(any).as("'%s' queries a sipdrill metric", expr).isTrue();
            }
            return names;
        }

        private static void collect(JsonNode node, List<String> exprs) {
            if (node.isObject()) {
                node.fields().forEachRemaining(e -> {
                    if (e.getKey().equals("expr") && e.getValue().isTextual()) {
                        exprs.add(e.getValue().asText());
                    } else {
                        collect(e.getValue(), exprs);
                    }
                });
            } else if (node.isArray()) {
                node.forEach(n -> collect(n, exprs));
            }
        }
    }
}
