package io.sipdrill.app;

import io.sipdrill.environments.embedded.EmbeddedTopology;
import io.sipdrill.environments.embedded.EmbeddedRegistrar;
import io.sipdrill.environments.embedded.EmbeddedTopologyConfig;
import io.sipdrill.environments.embedded.RegistrarConfig;
import io.sipdrill.load.handset.FleetConfig;
import io.sipdrill.load.sip.auth.Credentials;
import io.sipdrill.load.sip.auth.DigestAlgorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9's acceptance: no handset password reaches any artefact of a run. A real CLI run (in
 * process, as the other CLI tests) registers handsets with digest authentication against in-JVM
 * registrars, then every file it wrote (journal, report.html, summary.json, junit.xml, Gatling's
 * report folder), the report rebuilt by {@code sipdrill report}, its captured stdout and stderr
 * (where the CLI's logging goes) and a scrape of its live metrics are grepped for each password in
 * clear and for each digest HA1 (MD5 of user:realm:password, as good as the password to a
 * registrar). The grep is first shown to find a planted password. {@code sipdrill run} uses
 * sipdrill's derived passwords ({@code pw-<user>}; it has no way to take others yet); a Gatling
 * simulation can bring its own through a SIPp injection file ({@code SipDsl.sippUsers}), so a run
 * of one with random, non-derivable passwords is grepped the same way.
 */
class PasswordsInArtefactsTest {

    // Issue 9's soak blocks: registrars 127.0.244.1, 127.0.245.1 and 127.0.245.5, handsets from 127.0.243.10 and
    // 127.0.243.20, metrics 127.0.242.9.
    private static final InetSocketAddress PRIMARY = new InetSocketAddress("127.0.244.1", 5060);
    private static final InetSocketAddress BACKUP = new InetSocketAddress("127.0.245.1", 5060);
    private static final String METRICS = "127.0.242.9:19464";
    private static final InetSocketAddress SECRET_REGISTRAR = new InetSocketAddress("127.0.245.5", 5060);
    private static final int HANDSETS = 40;

    @TempDir
    Path tmp;

    @Test
    void noPasswordInAnyArtefactOfARun() throws Exception {
        Path run = tmp.resolve("run");
        Path streams = tmp.resolve("streams");
        Files.createDirectories(streams);
        EmbeddedTopologyConfig config = EmbeddedTopologyConfig.defaults().withAddresses(PRIMARY, BACKUP);
        List<String> secrets = secrets(config.realm());

        CliCapture.Result result;
        AtomicReference<String> scrape = new AtomicReference<>();
        try (EmbeddedTopology registrars = new EmbeddedTopology(config)) {
            registrars.start();
            Thread scraper = scraper(scrape);
            try {
                // The outage drill on external targets: no fault, 40 real minutes at 240x (10 s), 2.5-s registrations.
                result = CliCapture.execute("run", "registrar-outage", "--registrar", "127.0.244.1:5060",
                        "--backup", "127.0.245.1:5060", "--handsets", Integer.toString(HANDSETS), "--time-scale", "240",
                        "--handset-address", "127.0.243.10", "--metrics", METRICS, "--report", run.toString());
            } finally {
                scraper.interrupt();
                scraper.join(5_000);
            }
        }
        Files.writeString(streams.resolve("stdout.txt"), result.out());
        Files.writeString(streams.resolve("stderr.txt"), result.err());
        assertThat(scrape.get()).as("a metrics scrape during the run").contains("sipdrill_handsets");
        Files.writeString(streams.resolve("metrics.txt"), scrape.get());
        CliCapture.Result rebuilt = CliCapture.execute("report", run.resolve("journal.jsonl").toString(),
                "--out", tmp.resolve("rebuilt").toString());
        Files.writeString(streams.resolve("report-stdout.txt"), rebuilt.out() + rebuilt.err());

        assertThat(result.exitCode()).as("run exit code; stderr:%n%s", result.err()).isZero();
        assertThat(rebuilt.exitCode()).as("report exit code; stderr:%n%s", rebuilt.err()).isZero();
        // The scan is only worth something if the run wrote what it always writes, and the handsets used their passwords.
        for (String artefact : List.of("journal.jsonl", "report.html", "summary.json", "junit.xml")) {
            assertThat(run.resolve(artefact)).as(artefact).isNotEmptyFile();
        }
        assertThat(gatlingFiles(run)).as("Gatling's report folder").anyMatch(p -> p.endsWith("index.html"));
        assertThat(Files.readString(run.resolve("journal.jsonl"))).as("digest-authenticated registrations in the journal")
                .contains("\"outcome\":\"challenged\"").contains("\"outcome\":\"ok\"");
        assertThat(SecretScan.fileCount(tmp)).as("files scanned").isGreaterThan(10);

        assertThat(SecretScan.findings(tmp, secrets)).as("artefacts holding a password or its HA1").isEmpty();
    }

    @Test
    void noCustomPasswordInAnyArtefactOfAGatlingRun() throws Exception {
        // Random passwords no rule derives, known only to the injection file and the registrar.
        java.security.SecureRandom random = new java.security.SecureRandom();
        java.util.Map<String, String> passwords = new java.util.LinkedHashMap<>();
        StringBuilder file = new StringBuilder("SEQUENTIAL\n");
        for (int i = 0; i < SecretUsersSimulation.HANDSETS; i++) {
            byte[] bytes = new byte[12];
            random.nextBytes(bytes);
            String user = Integer.toString(4400 + i);
            String password = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            passwords.put(user, password);
            file.append(user).append(';').append(password).append('\n');
        }
        Path users = tmp.resolve("input/users.csv"); // holds the passwords by design: outside the scanned folder
        Files.createDirectories(users.getParent());
        Files.writeString(users, file);
        Path out = tmp.resolve("out");
        Files.createDirectories(out);
        RegistrarConfig defaults = RegistrarConfig.defaults("secret", SECRET_REGISTRAR);
        RegistrarConfig config = new RegistrarConfig("secret", SECRET_REGISTRAR, defaults.realm(), defaults.algorithm(),
                defaults.minExpires(), defaults.maxExpires(), defaults.nonceLifetime(), defaults.capacity(), passwords::get);

        CliCapture.Result result;
        long answered;
        try (EmbeddedRegistrar registrar = new EmbeddedRegistrar(config)) {
            registrar.start();
            System.setProperty(SecretUsersSimulation.REGISTRAR, "127.0.245.5:5060");
            System.setProperty(SecretUsersSimulation.USERS, users.toString());
            try {
                result = CliCapture.capture(false, () -> io.gatling.app.Gatling$.MODULE$.fromArgs(new String[] {
                        "--simulation", SecretUsersSimulation.class.getName(),
                        "--results-folder", out.resolve("gatling").toString(), "--launcher", "sipdrill"}));
            } finally {
                System.clearProperty(SecretUsersSimulation.REGISTRAR);
                System.clearProperty(SecretUsersSimulation.USERS);
            }
            answered = registrar.requestsAnswered();
        }
        Files.writeString(out.resolve("stdout.txt"), result.out());
        Files.writeString(out.resolve("stderr.txt"), result.err());

        assertThat(result.exitCode()).as("Gatling's return code: every register and unregister answered 200, so the"
                + " registrar accepted the file's passwords; stdout:%n%s", result.out()).isZero();
        assertThat(answered).as("REGISTERs answered: challenge and answer, to register and to unregister, for each handset")
                .isGreaterThanOrEqualTo(4L * SecretUsersSimulation.HANDSETS);
        assertThat(SecretScan.fileCount(out.resolve("gatling"))).as("Gatling's report files").isGreaterThan(5);
        List<String> secrets = new ArrayList<>();
        passwords.forEach((user, password) -> {
            secrets.add(password);
            secrets.add(config.algorithm().hashHex(user + ':' + config.realm() + ':' + password));
        });
        assertThat(SecretScan.findings(tmp.resolve("input"), secrets)).as("the scan finds them where they are").isNotEmpty();
        assertThat(SecretScan.findings(out, secrets)).as("artefacts holding a password or its HA1").isEmpty();
    }

    @Test
    void theScanFindsAPasswordPlantedInACopyOfTheArtefacts() throws Exception {
        Path copy = tmp.resolve("copy");
        Files.createDirectories(copy.resolve("gatling/run-1/js"));
        Files.writeString(copy.resolve("summary.json"), "{\"handsets\": 40}");
        Files.writeString(copy.resolve("gatling/run-1/js/stats.js"), "var stats = {};");
        List<String> secrets = secrets("sipdrill.test");
        assertThat(SecretScan.findings(copy, secrets)).as("clean copy").isEmpty();

        // A password deep in Gatling's folder, an HA1 in a log line, in binary surroundings too.
        Files.writeString(copy.resolve("gatling/run-1/js/stats.js"), "\u0000\u0001user=1000007 pw=pw-1000007\n",
                StandardOpenOption.APPEND);
        String ha1 = DigestAlgorithm.MD5.hashHex("1000031:sipdrill.test:pw-1000031");
        Files.writeString(copy.resolve("stderr.txt"), "12:00:00 WARN auth - HA1 " + ha1 + "\n");

        assertThat(SecretScan.findings(copy, secrets)).containsExactlyInAnyOrder(
                "gatling/run-1/js/stats.js: pw-1000007", "stderr.txt: " + ha1);
    }

    /** Every handset's password in clear and as its MD5 and SHA-256 HA1 for {@code realm}. */
    private static List<String> secrets(String realm) {
        List<String> secrets = new ArrayList<>();
        for (int i = 0; i < HANDSETS; i++) {
            String user = FleetConfig.userFor(i);
            String password = Credentials.derived().password(user);
            secrets.add(password);
            for (DigestAlgorithm algorithm : DigestAlgorithm.values()) {
                secrets.add(algorithm.hashHex(user + ':' + realm + ':' + password));
            }
        }
        return secrets;
    }

    private static List<Path> gatlingFiles(Path run) throws Exception {
        try (Stream<Path> files = Files.walk(run.resolve("gatling"))) {
            return files.toList();
        }
    }

    /** Scrapes the run's metrics every 200 ms until interrupted, keeping the last answer. */
    private static Thread scraper(AtomicReference<String> last) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
        HttpRequest get = HttpRequest.newBuilder(URI.create("http://" + METRICS + "/metrics")).timeout(Duration.ofSeconds(2)).build();
        Thread t = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    HttpResponse<String> r = http.send(get, HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200) {
                        last.set(r.body());
                    }
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception notUpYet) {
                    // before the endpoint starts or after it stops
                }
            }
        }, "password-test-scraper");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
