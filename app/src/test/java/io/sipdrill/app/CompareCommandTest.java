package io.sipdrill.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code sipdrill compare} on two report folders built by {@code sipdrill report} from fixture journals:
 * a 500-handset baseline whose handsets reach the backup within 2 drill seconds, and a 200-handset
 * candidate that takes 4. Per handset the two runs did the same work, so only failover may differ.
 */
class CompareCommandTest {

    @TempDir
    Path dir;

    Path fast500;
    Path slow200;

    @BeforeEach
    void twoRuns() {
        fast500 = report("fast-500", FailoverJournal.events(500, 2_000));
        slow200 = report("slow-200", FailoverJournal.events(200, 4_000));
    }

    private Path report(String name, java.util.List<io.sipdrill.load.journal.JournalEvent> events) {
        Path run = dir.resolve(name);
        Path journal = io.sipdrill.dashboards.OutageJournal.write(run.resolve("journal.jsonl"), events);
        CliCapture.Result r = CliCapture.execute("report", journal.toString(), "--out", run.toString());
        assertThat(r.exitCode()).as("report of %s: %s", name, r.err()).isZero();
        assertThat(run.resolve("junit.xml")).as("report writes junit.xml too").isRegularFile();
        assertThat(r.out()).contains("sipdrill: junit ");
        return run;
    }

    private static String row(String out, String metric) {
        return out.lines().filter(l -> l.startsWith(metric + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + metric + " in:\n" + out));
    }

    @Test
    void aSlowerCandidateRegressesOnFailoverAndExitsOne() throws IOException {
        Path out = dir.resolve("cmp");
        CliCapture.Result r = CliCapture.execute("compare", fast500.toString(), slow200.toString(), "--out", out.toString());
        assertThat(r.exitCode()).as("stderr: %s", r.err()).isEqualTo(1);
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("A (baseline):  fast-500: registrar-outage on embedded, 500 handsets, 20x")
                .contains("B (candidate): slow-200: registrar-outage on embedded, 200 handsets, 20x");
        assertThat(r.out().lines().filter(l -> l.startsWith("metric ")).findFirst().orElseThrow())
                .contains("A").contains("B").contains("change").contains("verdict");
        assertThat(row(r.out(), "handsets")).contains("500").contains("200").contains("-60.0%").endsWith("differs");
        // T100: the last handset on the backup at 11 s + 499/500 × 2 s vs 11 s + 199/200 × 4 s; t0 = 10 s; × 20.
        assertThat(row(r.out(), "failover T100 (s)")).contains("59.9").contains("99.6").contains("+66.3%")
                .endsWith("REGRESSED");
        assertThat(row(r.out(), "failover T90 (s)")).endsWith("REGRESSED");
        assertThat(row(r.out(), "transactions per handset")).as("per handset, so 500 and 200 compare").contains(" 4 ")
                .endsWith("same");
        assertThat(row(r.out(), "timeouts per handset")).endsWith("same");
        assertThat(row(r.out(), "REGISTER latency p95 (ms)")).endsWith("same");
        // Failback takes the same 4 drill seconds in both; the last handset's slot differs by a hair (-0.2%).
        assertThat(row(r.out(), "failback T90 (s)")).contains("-0.2%").doesNotContain("REGRESSED");
        String last = r.out().strip().lines().reduce((a, b) -> b).orElseThrow();
        assertThat(last).startsWith("sipdrill: REGRESSED: ").contains("regressed beyond 10%")
                .contains("failover T50 (s)").contains("failover T100 (s)").doesNotContain("handsets");
        assertThat(r.out()).contains("sipdrill: compare report " + out.resolve("compare.html").toAbsolutePath());

        JsonNode json = new ObjectMapper().readTree(out.resolve("compare.json").toFile());
        assertThat(json.get("regressed").asBoolean()).isTrue();
        assertThat(json.get("a").get("name").asText()).isEqualTo("fast-500");
        assertThat(json.get("regressions").toString()).contains("failover.t90_s").doesNotContain("transactions");
        String html = Files.readString(out.resolve("compare.html"));
        assertThat(html).contains("<svg").contains("<table>").contains("failover T90 (s)").contains("REGRESSED");
    }

    @Test
    void swappedTheCandidateIsBetterAndExitsZero() {
        CliCapture.Result r = CliCapture.execute("compare", slow200.toString(), fast500.toString(),
                "--out", dir.resolve("cmp").toString());
        assertThat(r.exitCode()).as("out: %s%nerr: %s", r.out(), r.err()).isZero();
        assertThat(row(r.out(), "failover T90 (s)")).endsWith("better");
        assertThat(r.out().strip().lines().reduce((a, b) -> b).orElseThrow())
                .isEqualTo("sipdrill: no metric regressed beyond 10%");
    }

    @Test
    void aWideEnoughThresholdLetsTheSlowerRunPass() {
        // T100 rises most (+66.3%): a 70% threshold lets it through, a 60% one does not.
        String summary = slow200.resolve("summary.json").toString();
        assertThat(CliCapture.execute("compare", fast500.toString(), summary, "--threshold", "70%",
                "--out", dir.resolve("wide").toString()).exitCode()).isZero();
        assertThat(CliCapture.execute("compare", fast500.toString(), summary, "--threshold", "60",
                "--out", dir.resolve("narrow").toString()).exitCode()).isEqualTo(1);
    }

    @Test
    void withoutOutItWritesUnderTargetAndSaysWhere() {
        CliCapture.Result r = CliCapture.execute("compare", fast500.toString(), fast500.toString());
        assertThat(r.exitCode()).isZero();
        Path expected = Path.of("target", "sipdrill-compare", "compare-fast-500-vs-fast-500").toAbsolutePath();
        assertThat(r.out()).contains("sipdrill: compare report " + expected.resolve("compare.html"));
        assertThat(expected.resolve("compare.json")).isRegularFile();
    }

    private CliCapture.Result badInput(String... args) {
        CliCapture.Result r = CliCapture.execute(args);
        assertThat(r.exitCode()).as("exit code; stderr: %s", r.err()).isEqualTo(2);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).startsWith("sipdrill: error: ");
        return r;
    }

    @Test
    void aMissingRunIsBadInput() {
        assertThat(badInput("compare", fast500.toString(), dir.resolve("nowhere").toString()).err())
                .contains("nowhere").contains("does not exist");
    }

    @Test
    void aFolderWithoutSummaryIsBadInput() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThat(badInput("compare", empty.toString(), fast500.toString()).err()).contains("holds no summary.json");
    }

    @Test
    void unreadableJsonIsBadInputNamingTheFile() throws IOException {
        Path broken = Files.createDirectories(dir.resolve("broken"));
        Files.writeString(broken.resolve("summary.json"), "{\"handsets\": 500, \"failover\": {");
        assertThat(badInput("compare", fast500.toString(), broken.toString()).err())
                .contains(broken.resolve("summary.json").toString()).contains("not valid JSON");
    }

    @Test
    void aBadThresholdIsBadInput() {
        assertThat(badInput("compare", fast500.toString(), slow200.toString(), "--threshold", "ten").err())
                .contains("--threshold ten");
        assertThat(badInput("compare", fast500.toString(), slow200.toString(), "--threshold", "-5%").err())
                .contains("≥ 0");
    }

    @Test
    void helpSaysCountsArePerHandset() {
        CliCapture.Result r = CliCapture.execute("compare", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("RUN_A").contains("RUN_B").contains("--threshold").contains("--out")
                .contains("per handset").contains("only in A/B").contains("reached backup %,");
        assertThat(r.err()).as("picocli formats every description line").isEmpty();
    }
}
