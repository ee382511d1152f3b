package io.sipdrill.load.gatling;

import io.gatling.app.Gatling$;
import io.sipdrill.load.gatling.protocol.SipLiveView;
import io.sipdrill.load.journal.JournalEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs real Gatling simulations in this JVM (as the drill runner will) against a raw-UDP digest
 * registrar: an interop break between our Java actions and Gatling's Scala traits shows up here.
 */
class TinySimulationTest {

    private static final String REGISTRAR_HOST = "127.0.61.1";

    @AfterEach
    void clearProperty() {
        System.clearProperty(TinyRegisterSimulation.REGISTRAR_PROPERTY);
    }

    @Test
    void twentyHandsetsRegisterProbeAndUnregisterAndTheReportListsRegister() throws Exception {
        Path results = resultsFolder();
        try (TestRegistrar registrar = TestRegistrar.start(REGISTRAR_HOST)) {
            int rc = run(TinyRegisterSimulation.class, registrar.hostPort(), results);

            assertThat(rc).as("Gatling's return code (0: assertions held)").isZero();
            Path report = onlyRunFolder(results);
            assertThat(report.resolve("index.html")).as("HTML report").exists();
            String index = Files.readString(report.resolve("index.html"), StandardCharsets.UTF_8);
            assertThat(index).as("request names in the report (some handsets refresh during the pause)")
                    .contains(">register<", ">options<", ">unregister<", ">REGISTER (refresh)<");
            assertThat(registrar.registers()).as("20 × (challenge + answer) for register and unregister at least")
                    .isGreaterThanOrEqualTo(80);
            assertThat(registrar.options()).isEqualTo(20);
            assertThat(registrar.bound()).as("everyone unregistered").isZero();
            assertThat(SipLoops.stillRunning()).as("the engine closes with Gatling's actor system").isZero();
        }
    }

    @Test
    void everyDslCallRunsAndTheObserverSeesTheLiveView() throws Exception {
        Path results = resultsFolder();
        SipJavaCompileTest.OBSERVED.set(null);
        SipJavaCompileTest.JOURNAL.clear();
        try (TestRegistrar registrar = TestRegistrar.start(REGISTRAR_HOST)) {
            int rc = run(SipJavaCompileTest.class, registrar.hostPort(), results);

            assertThat(rc).as("no failed request").isZero();
            SipLiveView view = SipJavaCompileTest.OBSERVED.get();
            assertThat(view).as("observer called when the engine started").isNotNull();
            assertThat(view.handsets()).isEqualTo(3);
            assertThat(view.primary()).as("all unregistered at the end").isZero();
            assertThat(view.nowhere()).isEqualTo(3);
            assertThat(view.counters().transactionsStarted()).as("2 × (register + unregister) × 2 + 2 options, × 3 users")
                    .isEqualTo(3 * (2 * 4 + 2));
            assertThat(view.counters().timeouts()).isZero();
            assertThat(view.sample()).isInstanceOf(JournalEvent.TimelineSample.class);
            assertThat(SipJavaCompileTest.JOURNAL).as("handset events reach the protocol's journal")
                    .anyMatch(e -> e instanceof JournalEvent.HandsetState s && s.state().equals("registered"));
            assertThat(indexOf(results)).contains(">register-fn<", ">options-as<");
        }
    }

    @Test
    void anUnreachableRegistrarFailsTheAssertionWithReturnCodeTwo() throws Exception {
        Path results = resultsFolder();
        // a port nothing listens on: bind one, note it, close it
        String nowhere;
        try (TestRegistrar closed = TestRegistrar.start(REGISTRAR_HOST)) {
            nowhere = closed.hostPort();
        }
        int rc = run(UnreachableRegistrarSimulation.class, nowhere, results);

        assertThat(rc).as("Gatling's return code when assertions fail").isEqualTo(2);
        assertThat(onlyRunFolder(results).resolve("index.html")).exists();
        assertThat(indexOf(results)).contains(">register<")
                .as("the error table names the silent registrar").contains("timeout: no response from primary " + nowhere);
    }

    /** Kept under target/ so a failing run's report can be opened. */
    private static Path resultsFolder() throws IOException {
        return Files.createTempDirectory(Files.createDirectories(Path.of("target", "gatling-runs")), "run-");
    }

    private static int run(Class<?> simulation, String registrar, Path results) {
        System.setProperty(TinyRegisterSimulation.REGISTRAR_PROPERTY, registrar);
        return Gatling$.MODULE$.fromArgs(new String[] {
                "--simulation", simulation.getName(),
                "--results-folder", results.toString(),
                "--launcher", "sipdrill"});
    }

    private static Path onlyRunFolder(Path results) throws IOException {
        try (Stream<Path> runs = Files.list(results)) {
            List<Path> dirs = runs.filter(Files::isDirectory).collect(Collectors.toList());
            assertThat(dirs).as("one run folder in " + results).hasSize(1);
            return dirs.get(0);
        }
    }


    private static String indexOf(Path results) throws IOException {
        return Files.readString(onlyRunFolder(results).resolve("index.html"), StandardCharsets.UTF_8);
    }
}
