package io.sipdrill.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad drill files through the CLI: exit 2, one stderr line naming file:line and field, and nothing
 * started (no report folder, so no journal and no fault).
 */
class DrillFileCliTest {

    @TempDir
    Path tmp;

    private static final String GOOD = """
            title: t
            time-scale: 20
            population: {handsets: 5, ramp: 1m}
            method:
              - {at: 0m, action: freeze, target: registrar}
              - {at: 5m, action: clear-faults}
              - {at: 10m, action: end}
            """;

    private String badFile(String yaml) throws IOException {
        Path file = tmp.resolve("x.yaml");
        Files.writeString(file, yaml);
        Path report = tmp.resolve("report");
        CliCapture.Result r = CliCapture.execute("run", file.toString(), "--report", report.toString());
        assertThat(r.exitCode()).as("exit code; stderr:%n%s", r.err()).isEqualTo(2);
        assertThat(r.errLines()).as("stderr").hasSize(1);
        assertThat(report).as("nothing ran: no report folder").doesNotExist();
        String line = r.errLines().get(0);
        assertThat(line).startsWith("sipdrill: error: " + file + ":");
        return line.substring(("sipdrill: error: " + file + ":").length());
    }

    @Test
    void unknownAction() throws IOException {
        assertThat(badFile(GOOD.replace("action: clear-faults", "action: clear-fault")))
                .isEqualTo("6: method[1].action: unknown action 'clear-fault' (expected one of cpu-squeeze, cpu-burn, freeze, kill, restart, "
                        + "latency, toxic, link-down, ddi-route, clear-faults, end)");
    }

    @Test
    void missingTarget() throws IOException {
        assertThat(badFile(GOOD.replace(", target: registrar", ""))).isEqualTo("5: method[0]: missing field 'target'");
    }

    @Test
    void stepsOutOfOrder() throws IOException {
        assertThat(badFile(GOOD.replace("{at: 5m, action: clear-faults}", "{at: 11m, action: clear-faults}")))
                .isEqualTo("7: method[2].at: 10m comes before the previous step's 11m (list steps in time order)");
    }

    @Test
    void malformedYaml() throws IOException {
        assertThat(badFile(GOOD.replace("population: {handsets: 5, ramp: 1m}", "population: {handsets: 5, ramp: 1m")))
                .startsWith("4: malformed YAML: ");
    }

    @Test
    void badDuration() throws IOException {
        assertThat(badFile(GOOD.replace("at: 5m", "at: 5")))
                .isEqualTo("6: method[1].at: '5' is not a duration (write a number and a unit: 250ms, 30s, 10m, 1h30m)");
    }

    @Test
    void sharesNotSummingToOne() throws IOException {
        assertThat(badFile(GOOD.replace("population: {handsets: 5, ramp: 1m}",
                "population: {handsets: 5, mix: [{share: 50%, failback: never}, {share: 0.4, failback: registration}]}")))
                .isEqualTo("3: population.mix: shares add up to 0.9, not 1 (100%)");
    }

    @Test
    void unknownProbe() throws IOException {
        assertThat(badFile(GOOD.replace("method:", "steady-state-hypothesis:\n  - {probe: registered, tolerance: {min: 99%}}\nmethod:")))
                .startsWith("5: steady-state-hypothesis[0].probe: unknown probe 'registered' (expected one of registered-on primary,");
    }

    @Test
    void aLinkTheEmbeddedTopologyDoesNotHave() throws IOException {
        assertThat(badFile(GOOD.replace("{at: 0m, action: freeze, target: registrar}",
                "{at: 0m, action: latency, link: handsets->pbx, latency: 8s}")))
                .isEqualTo("5: method[0].link: the embedded topology has no link handsets->pbx "
                        + "(it has: handsets->registrar, handsets->backup)");
    }

    @Test
    void aTargetTheEmbeddedTopologyDoesNotHave() throws IOException {
        assertThat(badFile(GOOD.replace("target: registrar", "target: pbx-7")))
                .isEqualTo("5: method[0].target: the embedded topology has no target 'pbx-7' (it has: registrar, backup)");
    }

    @Test
    void callsForDoesNotGoWithADrillFile() throws IOException {
        Path file = tmp.resolve("x.yaml");
        Files.writeString(file, GOOD);
        CliCapture.Result r = CliCapture.execute("run", file.toString(), "--calls-for", "10");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().contains("--calls-for").contains("population.calls.until");
    }

    @Test
    void everyProblemIsOneLine() throws IOException {
        Path file = tmp.resolve("x.yaml");
        Files.writeString(file, GOOD.replace("at: 5m", "at: 5").replace("action: end", "action: ende"));
        CliCapture.Result r = CliCapture.execute("run", file.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        List<String> lines = r.errLines();
        assertThat(lines).hasSize(2).allSatisfy(l -> assertThat(l).startsWith("sipdrill: error: " + file + ":"));
        assertThat(lines.get(0)).contains(":6: method[1].at:");
        assertThat(lines.get(1)).contains(":7: method[2].action: unknown action 'ende'");
    }

    @Test
    void aDrillNameNeitherInTheFolderNorAFileIsBadInput() {
        CliCapture.Result r = CliCapture.execute("run", "registrar-overlaod");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().contains("registrar-overlaod").contains("registrar-overload");
    }
}
