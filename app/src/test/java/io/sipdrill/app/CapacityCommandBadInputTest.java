package io.sipdrill.app;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code sipdrill capacity} with bad input: exit 2, one line on stderr naming the problem, nothing started. */
class CapacityCommandBadInputTest {

    private static String badInput(String... args) {
        CliCapture.Result r = CliCapture.execute(args);
        assertThat(r.exitCode()).as("exit code of %s; stderr:%n%s", List.of(args), r.err()).isEqualTo(2);
        assertThat(r.errLines()).as("stderr of %s", List.of(args)).hasSize(1);
        return r.err();
    }

    @Test
    void nonLoopbackRegistrar() {
        assertThat(badInput("capacity", "--registrar", "192.0.2.10:5060")).contains("--registrar").contains("not a loopback");
    }

    @Test
    void nonLoopbackHandsets() {
        assertThat(badInput("capacity", "--registrar", "127.0.224.9:5060", "--handsets-from", "192.0.2.1"))
                .contains("--handsets-from").contains("loopback");
    }

    @Test
    void unknownEnvironmentAndDockerNotYet() {
        assertThat(badInput("capacity", "--env", "nowhere")).contains("--env nowhere").contains("local or embedded");
        assertThat(badInput("capacity", "--env", "docker")).contains("docker is not supported yet");
    }

    @Test
    void callsNotYet() {
        assertThat(badInput("capacity", "--what", "calls")).contains("--what calls").contains("not yet");
    }

    @Test
    void badStepAndRates() {
        assertThat(badInput("capacity", "--step", "0.5")).contains("--step").contains("> 1");
        assertThat(badInput("capacity", "--step", "fast")).contains("--step").contains("+500");
        assertThat(badInput("capacity", "--start", "1000", "--max", "500")).contains("start <= max");
        assertThat(badInput("capacity", "--step-seconds", "1")).contains("--step-seconds");
        assertThat(badInput("capacity", "--slo-p95-ms", "0")).contains("--slo-p95-ms");
    }

    @Test
    void searchesAreBoundedInRateAndTime() {
        assertThat(badInput("capacity", "--max", "5e9")).contains("--max 5000000000 is above 200000/s");
        // 49,500 steps of 20 s: eleven days if the registrar never broke.
        assertThat(badInput("capacity", "--step", "+1")).contains("from 500 to 50000/s by +1 is more than 720 steps of 20 s")
                .contains("longer than 4 h");
        assertThat(badInput("capacity", "--step", "1.001", "--step-seconds", "600")).contains("more than 24 steps of 600 s");
        assertThat(badInput("capacity", "--bisections", "50")).contains("bisections must be at most 10");
    }

    @Test
    void notANumber() {
        CliCapture.Result r = CliCapture.execute("capacity", "--start", "lots");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--start");
    }
}
