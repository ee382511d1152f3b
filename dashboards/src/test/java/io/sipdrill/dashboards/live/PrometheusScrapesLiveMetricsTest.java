package io.sipdrill.dashboards.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sipdrill.load.journal.Journal;
import io.sipdrill.load.journal.JournalEvent;
import io.sipdrill.load.journal.JournalEvent.Pop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A real Prometheus (Debian's, {@code /usr/bin/prometheus}) scrapes a {@link MetricsServer} on
 * 127.0.210.2 fed with journal events, listening itself on 127.0.210.3:9090 with its storage in a
 * temporary folder: the fed values come back through its query API, and every PromQL expression
 * of the Grafana boards is one this Prometheus accepts.
 */
@Tag("prometheus")
class PrometheusScrapesLiveMetricsTest {

    private static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
    private static final String WEB = "127.0.210.3:9090";
    private static final Duration WITHIN = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private Process prometheus;
    private MetricsServer server;

    @AfterEach
    void stop() throws InterruptedException {
        if (prometheus != null) {
            prometheus.destroy();
            if (!prometheus.waitFor(20, TimeUnit.SECONDS)) {
                prometheus.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void prometheusScrapesTheFedValuesAndAcceptsEveryBoardQuery() throws Exception {
        if (!Files.isExecutable(PROMETHEUS)) {
            fail(PROMETHEUS + " is missing: this test needs Debian's Prometheus (apt-get install prometheus)");
        }
        LiveMetrics metrics = new LiveMetrics();
        Journal journal = metrics.tee(Journal.discarding());
        journal.write(new JournalEvent.DrillStarted(0, "registrar-outage", "embedded", 20, 60.0,
                "127.0.1.1:5060", "127.0.2.1:5060", Map.of()));
        journal.write(new JournalEvent.Transaction(900, 1, Pop.PRIMARY, "REGISTER", "initial", 200, "ok", 3.0, 1));
        journal.write(new JournalEvent.TimelineSample(1000, 17, 3, 0));
        journal.write(new JournalEvent.FaultStep(1100, "start", "freeze", "registrar", "SIGSTOP"));
        server = MetricsServer.start(new InetSocketAddress("127.0.210.2", 0), metrics.registry());

        Path config = tmp.resolve("prometheus.yml");
        Files.writeString(config, String.join("\n",
                "global:",
                "  scrape_interval: 1s",
                "scrape_configs:",
                "  - job_name: sipdrill",
                "    static_configs:",
                "      - targets: ['127.0.210.2:" + server.address().getPort() + "']",
                ""));
        Path log = tmp.resolve("prometheus.log");
        prometheus = new ProcessBuilder(PROMETHEUS.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + tmp.resolve("data"), "--web.listen-address=" + WEB)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();

        JsonNode primary = awaitResult("sipdrill_handsets{pop=\"primary\"}", log);
        assertThat(primary.get(0).at("/value/1").asText()).isEqualTo("17");
        assertThat(primary.get(0).at("/metric/job").asText()).isEqualTo("sipdrill");
        assertThat(query("sipdrill_handsets_population").get(0).at("/value/1").asText()).isEqualTo("20");
        assertThat(query("sipdrill_fault_active == 1").get(0).at("/metric/target").asText()).isEqualTo("registrar");
        assertThat(query("sum(sipdrill_sip_transactions_total{method=\"REGISTER\",outcome=\"ok\"})").get(0).at("/value/1").asText())
                .isEqualTo("1");

        for (String expr : boardExpressions()) {
            // $__range is Grafana's; any range stands in for it here.
            JsonNode answer = get(expr.replace("$__range", "5m"));
            assertThat(answer.get("status").asText()).as("Prometheus on '%s': %s", expr, answer).isEqualTo("success");
        }
    }

    /** Polls an instant query until it has a result (the first scrapes take a second or two). */
    private JsonNode awaitResult(String query, Path log) throws Exception {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!prometheus.isAlive()) {
                fail("prometheus exited " + prometheus.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                JsonNode result = query(query);
                if (result.size() > 0) {
                    return result;
                }
                last = result.toString();
            } catch (IOException notUpYet) {
                last = notUpYet.toString();
            }
            Thread.sleep(250);
        }
        return fail("no %s from Prometheus at %s within %s (last: %s); its log:%n%s", query, WEB, WITHIN, last, Files.readString(log));
    }

    private JsonNode query(String promql) throws IOException, InterruptedException {
        JsonNode answer = get(promql);
        assertThat(answer.get("status").asText()).as("%s: %s", promql, answer).isEqualTo("success");
        return answer.at("/data/result");
    }

    private JsonNode get(String promql) throws IOException, InterruptedException {
        URI uri = URI.create("http://" + WEB + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    private static List<String> boardExpressions() throws IOException {
        Path grafana = null;
        for (Path dir = Path.of("").toAbsolutePath(); dir != null && grafana == null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("dashboards/grafana"))) {
                grafana = dir.resolve("dashboards/grafana");
            } else if (Files.isDirectory(dir.resolve("grafana")) && dir.endsWith("dashboards")) {
                grafana = dir.resolve("grafana");
            }
        }
        assertThat(grafana).as("dashboards/grafana above %s", Path.of("").toAbsolutePath()).isNotNull();
        List<String> exprs = new ArrayList<>();
        try (DirectoryStream<Path> boards = Files.newDirectoryStream(grafana, "*.json")) {
            for (Path board : boards) {
                JSON.readTree(board.toFile()).findValues("expr").forEach(e -> exprs.add(e.asText()));
            }
        }
        assertThat(exprs).isNotEmpty();
        return exprs;
    }
}
