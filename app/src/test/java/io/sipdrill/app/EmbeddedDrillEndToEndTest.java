package io.sipdrill.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default drill, end to end in real time on the embedded topology (127.0.1.1/127.0.2.1:5060):
 * 60 handsets, time scale 60, so the 40-minute drill takes about 40 s. Then the report is rebuilt
 * from the journal, also from a journal cut mid-line as a killed run leaves it.
 */
class EmbeddedDrillEndToEndTest {

    /** Another drill (a colleague's, a CLI run) may hold the default ports for a while. */
    private static final Duration PORT_WAIT = Duration.ofMinutes(3);

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final List<String> SUMMARY_KEYS = List.of("handsets", "time_scale", "reached_backup_pct",
            "returned_primary_pct", "stuck_on_backup", "failover.t50_s", "failover.t90_s", "failback.t50_s",
            "failback.t90_s", "register_latency_ms.p50", "register_latency_ms.p95", "register_latency_ms.p99",
            "retransmission_amplification", "slo_passed");

    @TempDir
    Path tmp;

    @Test
    void defaultDrillRunsPassesItsSlosAndItsReportCanBeRebuilt() throws Exception {
        Path runDir = tmp.resolve("run");
        CliCapture.Result run = DefaultDrillPorts.runWhenFree(PORT_WAIT, "run", "registrar-outage", "--handsets", "60", "--time-scale", "60",
                "--report", runDir.toString());

        Path summaryFile = runDir.resolve("summary.json");
        Path journal = runDir.resolve("journal.jsonl");
        String summaryText = Files.isRegularFile(summaryFile) ? Files.readString(summaryFile) : "(no summary.json)";
        assertThat(run.exitCode()).as("exit code; stderr:%n%s%nsummary.json:%n%s", run.err(), summaryText).isZero();
        assertThat(runDir.resolve("report.html")).isRegularFile().isNotEmptyFile();
        assertThat(summaryFile).isRegularFile();
        assertThat(journal).isRegularFile().isNotEmptyFile();

        JsonNode summary = JSON.readTree(summaryFile.toFile());
        for (String key : SUMMARY_KEYS) {
            assertThat(at(summary, key).isMissingNode()).as("summary.json has %s", key).isFalse();
        }
        assertThat(summary.get("handsets").asInt()).isEqualTo(60);
        assertThat(summary.get("time_scale").asDouble()).isEqualTo(60.0);
        assertThat(summary.get("reached_backup_pct").asDouble()).as(summaryText).isGreaterThan(90.0);
        assertThat(summary.get("returned_primary_pct").asDouble()).as(summaryText).isGreaterThan(90.0);
        assertThat(summary.get("slo_passed").asBoolean()).as(summaryText).isTrue();
        JsonNode faultAmplification = at(summary, "phases.fault.retransmission_amplification");
        assertThat(faultAmplification.isNumber()).as("phases.fault.retransmission_amplification is a number: %s", summaryText)
                .isTrue();
        assertThat(faultAmplification.asDouble()).as("retransmission amplification during the fault").isGreaterThan(1.0);
        for (String key : List.of("failover.t50_s", "failover.t90_s", "failback.t50_s", "failback.t90_s",
                "register_latency_ms.p50", "register_latency_ms.p95", "register_latency_ms.p99",
                "retransmission_amplification")) {
            assertThat(at(summary, key).isNumber()).as("%s is a number in a passing drill: %s", key, summaryText).isTrue();
        }

        // The report rebuilt from the journal alone says the same.
        Path rebuiltDir = tmp.resolve("rebuilt");
        CliCapture.Result report = CliCapture.execute("report", journal.toString(), "--out", rebuiltDir.toString());
        assertThat(report.exitCode()).as("report exit code; stderr:%n%s", report.err()).isZero();
        assertThat(rebuiltDir.resolve("report.html")).isRegularFile().isNotEmptyFile();
        assertThat(JSON.readTree(rebuiltDir.resolve("summary.json").toFile())).isEqualTo(summary);

        // A run killed mid-write leaves a torn last line; the report still comes out (SLOs may fail).
        Path tornDir = tmp.resolve("torn");
        Files.createDirectories(tornDir);
        Path torn = tornDir.resolve("journal.jsonl");
        writeTornCopy(journal, torn, 0.6);
        assertThat(Files.readString(torn)).doesNotEndWith("\n");
        CliCapture.Result tornReport = CliCapture.execute("report", torn.toString());
        assertThat(tornReport.exitCode()).as("report on a torn journal; stderr:%n%s", tornReport.err()).isIn(0, 1);
        assertThat(tornDir.resolve("report.html")).isRegularFile().isNotEmptyFile();
        JsonNode tornSummary = JSON.readTree(tornDir.resolve("summary.json").toFile());
        assertThat(tornSummary.get("handsets").asInt()).isEqualTo(60);
        assertThat(tornSummary.get("ended").isNull()).as("a cut journal has no end line").isTrue();
    }

    /** {@code a.b.c} → the node at that path, or a missing node. */
    private static JsonNode at(JsonNode root, String dotted) {
        return root.at("/" + dotted.replace('.', '/'));
    }

    /** Copies {@code from} up to the middle of the line at {@code fraction} of its length, as a kill would leave it. */
    private static void writeTornCopy(Path from, Path to, double fraction) throws IOException {
        byte[] all = Files.readAllBytes(from);
        int pos = (int) (all.length * fraction);
        int lineStart = pos;
        while (lineStart > 0 && all[lineStart - 1] != '\n') {
            lineStart--;
        }
        int lineEnd = pos;
        while (lineEnd < all.length && all[lineEnd] != '\n') {
            lineEnd++;
        }
        int cut = lineStart + Math.max(1, (lineEnd - lineStart) / 2);
        assertThat(cut).isLessThan(lineEnd);
        byte[] part = new byte[cut];
        System.arraycopy(all, 0, part, 0, cut);
        Files.write(to, part);
        assertThat(new String(part, StandardCharsets.UTF_8)).doesNotEndWith("\n");
    }
}
