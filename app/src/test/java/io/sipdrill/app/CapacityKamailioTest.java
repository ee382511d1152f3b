package io.sipdrill.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code sipdrill capacity --env local} for real, small: a fresh Kamailio on 127.0.224.1, handsets
 * from 127.0.223.1, 200 → 300 → 400/s in 4 s steps with --max 400, so the search runs a few steps
 * against the real peer and stops (at --max, or at whatever breaks first on a busy machine).
 */
@Tag("kamailio")
class CapacityKamailioTest {

    @Test
    void stepsUpAgainstARealKamailioAndWritesCapacityJson(@TempDir Path out) throws Exception {
        CliCapture.Result r = CliCapture.execute(true, "capacity", "--env", "local", "--registrar", "127.0.224.1:5060",
                "--handsets-from", "127.0.223.1", "--start", "200", "--step", "+100", "--max", "400",
                "--step-seconds", "4", "--bisections", "1", "--out", out.toString());

        assertThat(r.exitCode()).as("stderr:%n%s", r.err()).isZero();
        assertThat(r.out()).contains("target/s").contains(" climb ").contains("sipdrill capacity: ");
        JsonNode json = new ObjectMapper().readTree(out.resolve("capacity.json").toFile());
        assertThat(json.path("kind").asText()).isEqualTo("sipdrill-capacity");
        JsonNode first = json.path("steps").get(0);
        assertThat(first.path("target_rate").asDouble()).isEqualTo(200);
        assertThat(first.path("achieved_rate").asDouble()).as("Kamailio answered: registrations completed").isGreaterThan(0);
        assertThat(first.path("target_cpu_s").isNumber()).as("Kamailio's CPU read from /proc").isTrue();
        assertThat(first.path("p95_ms").isNumber()).isTrue();
        assertThat(json.path("outcome").asText()).isIn("max_reached", "broke", "nothing_sustained");
        assertThat(Files.readString(out.resolve("capacity.html"))).contains("<svg");
    }
}
