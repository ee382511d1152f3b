package io.sipdrill.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code sipdrill run call-load --no-rtp}, shortened to 15 s of calls, end to end on the embedded
 * topology with the drill's default addresses (registrars 127.0.1.1/127.0.2.1, PBXs, voicemail,
 * carrier 127.0.4.1: the CLI has no other), 200 handsets, real time: about 45 s. Then the report
 * is rebuilt from the journal. Media is off, so the RTP metrics must say "not measured" (null)
 * and the MOS SLO must not be in the verdicts.
 */
class CallLoadEndToEndTest {

    private static final Duration PORT_WAIT = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void callLoadWithoutRtpAnswersItsCallsAndReportsThem() throws Exception {
        Path runDir = tmp.resolve("run");
        CliCapture.Result run = DefaultDrillPorts.runWhenFree(PORT_WAIT, "run", "call-load", "--no-rtp",
                "--calls-for", "15", "--report", runDir.toString());

        Path summaryFile = runDir.resolve("summary.json");
        String summaryText = Files.isRegularFile(summaryFile) ? Files.readString(summaryFile) : "(no summary.json)";
        assertThat(run.exitCode()).as("exit code; stderr:%n%s%nsummary.json:%n%s", run.err(), summaryText).isZero();
        JsonNode summary = JSON.readTree(summaryFile.toFile());
        JsonNode calls = summary.get("calls");
        assertThat(calls).as(summaryText).isNotNull();
        // 5 inbound and 5 outbound calls per second for 15 s: about 150.
        assertThat(calls.get("attempted").asInt()).as(summaryText).isGreaterThan(100);
        assertThat(calls.get("answered_pct").asDouble()).as(summaryText).isGreaterThanOrEqualTo(99.0);
        assertThat(calls.at("/setup_ms/p95").isNumber()).as("setup p95: %s", summaryText).isTrue();
        assertThat(calls.at("/pdd_ms/p95").isNumber()).as("PDD p95: %s", summaryText).isTrue();
        assertThat(calls.at("/by_pop/primary/attempted").asInt()).as("no fault: every call on the primary")
                .isEqualTo(calls.get("attempted").asInt());
        assertThat(calls.at("/by_dir/in/attempted").asInt()).isPositive();
        assertThat(calls.at("/by_dir/out/attempted").asInt()).isPositive();
        assertThat(calls.at("/by_phase/baseline/attempted").asInt()).as("a drill without a fault is all baseline")
                .isEqualTo(calls.get("attempted").asInt());

        JsonNode rtp = summary.get("rtp");
        assertThat(rtp.get("calls").asInt()).as("--no-rtp: no call carried media").isZero();
        assertThat(rtp.at("/mos/p5").isNull()).as("MOS not measured: null, not 0").isTrue();
        assertThat(rtp.at("/loss_pct/p95").isNull()).isTrue();
        assertThat(rtp.at("/jitter_ms/p95").isNull()).isTrue();
        assertThat(summary.get("slo")).as("--no-rtp drops the MOS SLO it could not measure")
                .extracting(v -> v.get("name").asText()).containsExactly("calls.answered_pct");
        assertThat(summary.get("slo_passed").asBoolean()).isTrue();

        String html = Files.readString(runDir.resolve("report.html"));
        assertThat(html).contains("<h2>Calls</h2>").contains("By POP, direction and phase")
                .contains("No call carried RTP media: loss, jitter and MOS not measured.");
        assertThat(run.out()).contains("  calls ").contains("rtp not measured").contains("SLO calls.answered_pct");

        Path rebuilt = tmp.resolve("rebuilt");
        CliCapture.Result report = CliCapture.execute("report", runDir.resolve("journal.jsonl").toString(),
                "--out", rebuilt.toString());
        assertThat(report.exitCode()).as("report exit code; stderr:%n%s", report.err()).isZero();
        assertThat(JSON.readTree(rebuilt.resolve("summary.json").toFile())).isEqualTo(summary);
    }
}
