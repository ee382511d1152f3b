package io.sipdrill.load.gatling;

import io.gatling.app.Gatling$;
import io.sipdrill.load.journal.JournalEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs {@link ScriptedCallSimulation} in this JVM against a {@link TestCallPop}: the scripted call
 * steps end OK and KO as documented, a scripted line never answers by itself, an automatic one
 * refuses to be scripted, and a user leaving its scenario hangs up its call.
 */
class ScriptedCallsTest {

    private static final String POP_HOST = "127.0.140.1";

    @AfterEach
    void clearProperty() {
        System.clearProperty(TinyRegisterSimulation.REGISTRAR_PROPERTY);
    }

    @Test
    void scriptedStepsCallAnswerAndHangUpAndFailWhereThereIsNoCall() throws Exception {
        ScriptedCallSimulation.JOURNAL.clear();
        Path results = Files.createTempDirectory(Files.createDirectories(Path.of("target", "gatling-runs")), "calls-");
        try (TestCallPop pop = TestCallPop.start(POP_HOST)) {
            System.setProperty(TinyRegisterSimulation.REGISTRAR_PROPERTY, pop.hostPort());
            int rc = Gatling$.MODULE$.fromArgs(new String[] {
                    "--simulation", ScriptedCallSimulation.class.getName(),
                    "--results-folder", results.toString(),
                    "--launcher", "sipdrill"});

            String index = indexOf(results);
            assertThat(rc).as("Gatling's assertions (every step OK or KO as scripted); report in " + results)
                    .isZero();
            assertThat(index).as("why the KO steps failed")
                    .contains("no call to hang up", "no call within 1000 ms", "the last one ended",
                            "this line answers by itself", "no call to answer");
            assertThat(pop.inviteFinals(200))
                    .as("exactly one 200 per call: the answer() steps', none from a line answering by itself")
                    .isEqualTo(2);
            List<JournalEvent.CallEnded> calls = ScriptedCallSimulation.JOURNAL.stream()
                    .filter(JournalEvent.CallEnded.class::isInstance).map(JournalEvent.CallEnded.class::cast).toList();
            assertThat(calls).as("the callers' journal lines: A hung up, C's call ended when C left")
                    .hasSize(2).allSatisfy(c -> {
                        assertThat(c.dir()).isEqualTo("out");
                        assertThat(c.outcome()).isEqualTo("answered");
                    });
            assertThat(SipLoops.stillRunning()).isZero();
        }
    }

    private static String indexOf(Path results) throws IOException {
        try (Stream<Path> runs = Files.list(results)) {
            Path run = runs.filter(Files::isDirectory).findFirst().orElseThrow();
            return Files.readString(run.resolve("index.html"), StandardCharsets.UTF_8);
        }
    }
}
