package io.sipdrill.load.gatling;

import io.gatling.app.Gatling$;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A simulation with a configuration mistake fails while Gatling builds it, through
 * {@code Gatling.fromArgs}, with our one-line message as the root cause (Gatling wraps it in the
 * {@code InvocationTargetException} of its reflective constructor call, logs "Run crashed" and
 * rethrows), and no SIP engine is left running.
 */
class MisconfiguredSimulationTest {

    @Test
    void aBadRegistrarFailsWithOneLine() throws Exception {
        assertFailsWith(MisconfiguredSimulations.BadRegistrar.class,
                "sipdrill: registrar '127.0.62.1:70000': port 70000 is out of range 1-65535");
    }

    @Test
    void aRegistrarOutsideLoopbackFailsWithOneLine() throws Exception {
        assertFailsWith(MisconfiguredSimulations.ForeignRegistrar.class,
                "sipdrill: registrar '192.0.2.10:5060' is not a loopback address; sipdrill only targets"
                        + " 127.0.0.0/8 and ::1 unless the protocol allows it with .allowTarget(\"192.0.2.10/32\")");
    }

    @Test
    void aMissingFeederFileFailsWithOneLine() throws Exception {
        assertFailsWith(MisconfiguredSimulations.MissingFeeder.class,
                "sipdrill: feeder file gatling/no-such-users.csv does not exist (neither in "
                        + Path.of("").toAbsolutePath() + " nor on the class path, e.g. src/test/resources)");
    }

    private static void assertFailsWith(Class<?> simulation, String message) throws Exception {
        Path results = Files.createTempDirectory(Files.createDirectories(Path.of("target", "gatling-runs")), "bad-");
        Throwable thrown = catchThrowable(() -> Gatling$.MODULE$.fromArgs(new String[] {
                "--simulation", simulation.getName(),
                "--results-folder", results.toString(),
                "--launcher", "sipdrill"}));

        assertThat(thrown).as("fromArgs rethrows what the protocol threw when the run started").isNotNull();
        Throwable root = rootCause(thrown);
        assertThat(root).isInstanceOf(SipConfigurationException.class).hasMessage(message);
        assertThat(SipConfigurationException.in(thrown)).as("what a launcher unwraps").containsSame((SipConfigurationException) root);
        assertThat(root.getMessage()).doesNotContain("\n").doesNotContain("\r");
        assertThat(root.getStackTrace()).as("no stack trace of our own").isEmpty();
        assertThat(root).hasToString(message);
        assertThat(reports(results)).as("no users ran, no report was written").isZero();
        assertThat(SipLoops.stillRunning()).as("no SIP engine thread left running").isZero();
    }

    private static Throwable rootCause(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static long reports(Path results) throws IOException {
        // Gatling may have opened its run folder (simulation.log) before the protocol refused to start.
        try (var entries = Files.walk(results)) {
            return entries.filter(f -> f.getFileName().toString().equals("index.html")).count();
        }
    }

}
