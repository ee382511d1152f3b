package io.sipdrill.examples;

import io.gatling.app.Gatling$;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs {@link KamailioRegisterSimulation} the way a CI job or a launcher would: in this JVM,
 * through Gatling's own entry point, and checks the report. Needs the Debian kamailio package.
 */
@Tag("kamailio")
class ExampleReportTest {

    @Test
    void thousandPhonesRegisterWithKamailioAndTheReportListsTheRequests() throws IOException {
        Path results = Files.createDirectories(Path.of("target", "gatling-test"));
        List<Path> before = runFolders(results);

        // Gatling.main would exit the JVM; fromArgs returns 0, or 2 when an assertion failed.
        int rc = Gatling$.MODULE$.fromArgs(new String[] {
                "--simulation", KamailioRegisterSimulation.class.getName(),
                "--results-folder", results.toString(),
                "--launcher", "sipdrill-examples"});

        assertThat(rc).as("Gatling's return code (0: more than 99% of requests succeeded)").isZero();
        List<Path> runs = runFolders(results);
        runs.removeAll(before);
        assertThat(runs).as("one new run folder in " + results).hasSize(1);
        Path index = runs.get(0).resolve("index.html");
        assertThat(index).as("Gatling's HTML report").isRegularFile();
        String report = Files.readString(index, StandardCharsets.UTF_8);
        // "REGISTER (refresh)" shows up only if a registration comes due during the pause: not required.
        assertThat(report).as("request names in the report").contains(">REGISTER<", ">UNREGISTER<");
        assertThat(Path.of("target", "kamailio-example", "kamailio-primary")).as("Kamailio's run folder").isDirectory();
    }

    private static List<Path> runFolders(Path results) throws IOException {
        try (Stream<Path> entries = Files.list(results)) {
            return new java.util.ArrayList<>(entries.filter(Files::isDirectory).toList());
        }
    }
}
