package io.sipdrill.environments.docker;

import io.sipdrill.environments.CallRoles;
import io.sipdrill.environments.ProxiedLinks;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without Docker: the containers DockerTopology starts by default are compose.yaml's with its
 * defaults, variable for variable, so a default run attaches to a default compose stack and a
 * run without one starts the same thing.
 */
class DockerServiceTest {

    private static final InetSocketAddress CARRIER = new InetSocketAddress("127.0.4.1", 5060);

    @Test
    void theDefaultPlanIsComposeYamlWithItsDefaults() throws IOException {
        Map<String, Map<String, String>> compose = composeEnvironments();
        List<DockerService> plan = DockerService.plan(DockerTopologyConfig.defaults(), CallRoles.defaults(CARRIER));
        assertThat(plan).extracting(DockerService::target)
                .containsExactly("registrar", "backup", "pbx-1", "pbx-2", "backup-pbx-1");
        for (DockerService service : plan) {
            Map<String, String> ours = new LinkedHashMap<>(service.env());
            // Left to the entry point's defaults in compose.yaml, and those are what sipdrill passes.
            assertThat(ours.remove("SIPDRILL_CHILDREN")).isEqualTo("4");
            if (service.target().contains("pbx")) {
                assertThat(ours.remove("SIPDRILL_NO_ANSWER_MS")).isEqualTo("20000");
            }
            assertThat(ours).as("%s's variables", service.target()).isEqualTo(compose.get(service.target()));
            assertThat(service.mismatches(compose.get(service.target()))).as("attach check on %s", service.target()).isEmpty();
        }
    }

    @Test
    void theComposeFaultProxyIsWhereSipdrillLooksForItsLinks() throws IOException {
        Map<String, String> proxy = composeEnvironments().get("fault-proxy");
        assertThat(proxy.get(AttachedContainers.PROXY_API))
                .isEqualTo(DockerService.hostPort(DockerTopologyConfig.DEFAULT_FAULT_PROXY_API));
        assertThat(proxy.get("SIPDRILL_LINK_PRIMARY")).isEqualTo(DockerService.hostPort(ProxiedLinks.TO_PRIMARY));
        assertThat(proxy.get("SIPDRILL_LINK_BACKUP")).isEqualTo(DockerService.hostPort(ProxiedLinks.TO_BACKUP));
    }

    @Test
    void anOverriddenListenAddressIsNamedFirst() {
        DockerService registrar = DockerService.plan(DockerTopologyConfig.defaults(), CallRoles.defaults(CARRIER)).get(0);
        Map<String, String> moved = new LinkedHashMap<>(registrar.env());
        moved.put("SIPDRILL_LISTEN", "127.0.9.1:5060");
        moved.remove("SIPDRILL_CARRIER");
        assertThat(registrar.mismatches(moved)).containsExactly(
                "SIPDRILL_LISTEN=127.0.9.1:5060 (sipdrill expects 127.0.1.1:5060)",
                "SIPDRILL_CARRIER=(unset) (sipdrill expects 127.0.4.1:5060)");
    }

    /** Each service's environment with every {@code ${NAME:-default}} at its default. */
    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, String>> composeEnvironments() throws IOException {
        Map<String, Object> compose = new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(Files.readString(ComposeFile.composeYaml()));
        Map<String, Map<String, String>> environments = new LinkedHashMap<>();
        ((Map<String, Map<String, Object>>) compose.get("services")).forEach((name, service) -> {
            Map<String, String> env = new LinkedHashMap<>();
            ((Map<String, Object>) service.get("environment")).forEach((key, value) ->
                    env.put(key, ComposeFile.VARIABLE.matcher(String.valueOf(value)).replaceAll(m -> m.group(3))));
            environments.put(name, env);
        });
        return environments;
    }
}
