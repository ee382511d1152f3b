package io.sipdrill.environments.docker;

import com.github.dockerjava.api.command.InspectContainerResponse;
import io.sipdrill.environments.local.SipOptionsProbe;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * compose.yaml's Kamailio services brought up for real with docker-compose, every address moved
 * to 127.0.190.x (primary side), 127.0.191.x (backup side) and 127.0.192.x (proxy): all healthy,
 * all on the host's network, the registrar and the backup answering OPTIONS from this JVM. The
 * fault-proxy service is left out: its image needs the app jars, which do not exist while this
 * module's tests run. Disabled (with the reason printed) only when no Docker daemon answers.
 */
@Tag("docker")
class ComposeUpTest {

    private static final String PROJECT = "sipdrill-composetest";
    private static final List<String> KAMAILIO_SERVICES = List.of("registrar", "pbx-1", "pbx-2", "backup", "backup-pbx-1");
    private static final Map<String, String> ADDRESSES = Map.ofEntries(
            Map.entry("SIPDRILL_PRIMARY", "127.0.190.1:5060"),
            Map.entry("SIPDRILL_PBX_1", "127.0.190.11:5060"),
            Map.entry("SIPDRILL_PBX_2", "127.0.190.12:5060"),
            Map.entry("SIPDRILL_VOICEMAIL", "127.0.190.30:5060"),
            Map.entry("SIPDRILL_CARRIER", "127.0.190.40:5060"),
            Map.entry("SIPDRILL_BACKUP", "127.0.191.1:5060"),
            Map.entry("SIPDRILL_BACKUP_PBX_1", "127.0.191.11:5060"),
            Map.entry("SIPDRILL_BACKUP_VOICEMAIL", "127.0.191.30:5060"),
            Map.entry("SIPDRILL_PROXY_API", "127.0.192.100:8474"),
            Map.entry("SIPDRILL_LINK_PRIMARY", "127.0.192.1:5060"),
            Map.entry("SIPDRILL_LINK_BACKUP", "127.0.192.2:5060"));
    private static final Map<String, String> LISTEN = Map.of(
            "registrar", "SIPDRILL_PRIMARY", "pbx-1", "SIPDRILL_PBX_1", "pbx-2", "SIPDRILL_PBX_2",
            "backup", "SIPDRILL_BACKUP", "backup-pbx-1", "SIPDRILL_BACKUP_PBX_1");
    private static final Duration HEALTHY_WITHIN = Duration.ofSeconds(90);

    /** Each test is skipped, the reason printed, when no daemon answers (a @BeforeAll abort would count no test). */
    @BeforeEach
    void aDockerDaemonAnswers() {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            System.out.println("ComposeUpTest disabled: no Docker daemon answers");
            abort("no Docker daemon answers");
        }
    }

    @Test
    void theKamailioServicesComeUpHealthyOnTheHostNetworkAndTheRegistrarAndBackupAnswerOptions() throws Exception {
        DockerTopologyExtension.buildImages();
        long start = System.nanoTime();
        try (ComposeProject stack = ComposeProject.up(PROJECT, ADDRESSES, KAMAILIO_SERVICES.toArray(String[]::new))) {
            long upMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            List<InspectContainerResponse> containers = stack.awaitHealthy(HEALTHY_WITHIN);
            System.out.printf("ComposeUpTest: up -d returned in %d ms, all %d healthy after %d ms%n", upMs,
                    containers.size(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));

            assertThat(containers).extracting(c -> c.getConfig().getLabels().get(DockerService.TARGET_LABEL))
                    .containsExactlyInAnyOrderElementsOf(KAMAILIO_SERVICES);
            containers.forEach(c -> {
                String target = c.getConfig().getLabels().get(DockerService.TARGET_LABEL);
                assertThat(c.getHostConfig().getNetworkMode()).as(target + " HostConfig.NetworkMode").isEqualTo("host");
                assertThat(c.getConfig().getLabels().get(DockerService.TOPOLOGY_LABEL)).as(target + " io.sipdrill.topology")
                        .isEqualTo("docker");
            });
            SipOptionsProbe probe = new SipOptionsProbe(Duration.ofSeconds(2));
            for (String target : KAMAILIO_SERVICES) {
                String listen = ADDRESSES.get(LISTEN.get(target));
                assertThat(probe.probe(DockerService.address(listen))).as(target + " on " + listen + " answers OPTIONS").hasValue(200);
            }
        } // close(): compose down, and no container of the project left
    }
}
