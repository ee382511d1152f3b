package io.sipdrill.environments.docker;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * compose.yaml's shape, without Docker: host networking and no published ports everywhere, the
 * labels the docker topology finds containers by, and every address a variable whose default is
 * the --env local address (all on 127.0.0.0/8). Prometheus and Grafana are in the profile
 * {@code monitoring}, so a plain {@code up} (the topology's) leaves them out.
 */
class ComposeFileTest {

    /** Each variable and its default: the addresses of --env local and the architecture, and the image tag. */
    static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("SIPDRILL_PRIMARY", "127.0.1.1:5060"),
            Map.entry("SIPDRILL_PBX_1", "127.0.1.11:5060"),
            Map.entry("SIPDRILL_PBX_2", "127.0.1.12:5060"),
            Map.entry("SIPDRILL_VOICEMAIL", "127.0.1.30:5060"),
            Map.entry("SIPDRILL_BACKUP", "127.0.2.1:5060"),
            Map.entry("SIPDRILL_BACKUP_PBX_1", "127.0.2.11:5060"),
            Map.entry("SIPDRILL_BACKUP_VOICEMAIL", "127.0.2.30:5060"),
            Map.entry("SIPDRILL_CARRIER", "127.0.4.1:5060"),
            Map.entry("SIPDRILL_PROXY_API", "127.0.5.100:8474"),
            Map.entry("SIPDRILL_LINK_PRIMARY", "127.0.5.1:5060"),
            Map.entry("SIPDRILL_LINK_BACKUP", "127.0.5.2:5060"),
            Map.entry("SIPDRILL_PROMETHEUS", "127.0.5.90:9090"),
            Map.entry("SIPDRILL_TAG", "local"));

    /** The monitoring profile's services: not the topology's, no fault targets. */
    static final List<String> MONITORING = List.of("prometheus", "grafana");

    /** Service, its io.sipdrill.target label, and the SIPDRILL_NAME --env local gives that instance. */
    static final Map<String, String> INSTANCE_NAMES = Map.of(
            "registrar", "primary", "pbx-1", "pbx-1", "pbx-2", "pbx-2",
            "backup", "backup", "backup-pbx-1", "backup-pbx-1", "fault-proxy", "fault-proxy");

    private static Map<String, Object> compose;
    private static Map<String, Map<String, Object>> services;
    /** The topology's services (no profile): what the docker topology attaches to. */
    private static Map<String, Map<String, Object>> topology;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void parse() throws IOException {
        compose = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(ComposeFile.composeYaml()));
        services = (Map<String, Map<String, Object>>) compose.get("services");
        topology = new LinkedHashMap<>(services);
        topology.keySet().removeAll(MONITORING);
    }

    @Test
    void onlyServicesAtTheTopSoDockerCompose129AndV2BothReadIt() {
        // No top-level name: (1.29 refuses it), no networks: (host networking needs none).
        assertThat(compose).containsOnlyKeys("services");
        assertThat(topology).containsOnlyKeys(INSTANCE_NAMES.keySet());
        assertThat(services.keySet()).containsAll(MONITORING);
    }

    @Test
    void everyServiceUsesTheHostNetworkAndPublishesNothing() {
        services.forEach((name, service) -> {
            assertThat(service.get("network_mode")).as(name + " network_mode").isEqualTo("host");
            assertThat(service).as(name).doesNotContainKeys("ports", "networks", "expose", "network");
        });
    }

    @Test
    void everyServiceCarriesTheLabelsTheDockerTopologyFindsItBy() {
        topology.forEach((name, service) -> assertThat(service.get("labels")).as(name + " labels")
                .isEqualTo(Map.of("io.sipdrill.topology", "docker", "io.sipdrill.target", name)));
    }

    @Test
    void instancesAreNamedAsEnvLocalNamesThemAndRunSipdrillsImagesOfTheChosenTag() {
        topology.forEach((name, service) -> {
            assertThat(environment(name)).as(name).containsEntry("SIPDRILL_NAME", INSTANCE_NAMES.get(name));
            assertThat((String) service.get("image")).as(name + " image").matches("sipdrill/[a-z]+:\\$\\{SIPDRILL_TAG:-local}");
        });
        assertThat(services.get("registrar").get("image")).isEqualTo("sipdrill/kamailio:${SIPDRILL_TAG:-local}");
        assertThat(services.get("backup").get("image")).isEqualTo("sipdrill/kamailio:${SIPDRILL_TAG:-local}");
        assertThat(services.get("fault-proxy").get("image")).isEqualTo("sipdrill/proxy:${SIPDRILL_TAG:-local}");
        assertThat(environment("registrar")).containsEntry("SIPDRILL_ROLE", "pop");
        assertThat(environment("backup")).containsEntry("SIPDRILL_ROLE", "pop");
        for (String pbx : List.of("pbx-1", "pbx-2", "backup-pbx-1")) {
            assertThat(services.get(pbx).get("image")).isEqualTo("sipdrill/pbx:${SIPDRILL_TAG:-local}");
            assertThat(environment(pbx)).containsEntry("SIPDRILL_ROLE", "pbx");
        }
    }

    @Test
    void everyVariableHasOneLoopbackDefaultAndTheyAreExactlyTheTopologysAddresses() throws Exception {
        Map<String, List<String>> defaults = new LinkedHashMap<>();
        List<String> values = new ArrayList<>();
        collectStrings(compose, values);
        for (String value : values) {
            Matcher m = ComposeFile.VARIABLE.matcher(value);
            while (m.find()) {
                assertThat(m.group(2)).as("%s in '%s' has a default given with :-", m.group(1), value).isEqualTo(":-");
                defaults.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(m.group(3));
            }
            // Nothing but ${VAR:-default}: no bare $VAR, no $$ the two compose versions might read differently.
            assertThat(ComposeFile.VARIABLE.matcher(value).replaceAll("")).as(value).doesNotContain("$");
        }
        assertThat(defaults).containsOnlyKeys(DEFAULTS.keySet());
        defaults.forEach((name, seen) -> {
            assertThat(seen).as(name + ": the same default everywhere").containsOnly(DEFAULTS.get(name));
        });
        for (Map.Entry<String, String> e : DEFAULTS.entrySet()) {
            if (!e.getKey().equals("SIPDRILL_TAG")) {
                String[] hostPort = e.getValue().split(":");
                assertThat(InetAddress.getByName(hostPort[0]).isLoopbackAddress()).as(e.getKey()).isTrue();
                assertThat(hostPort[0]).as(e.getKey()).startsWith("127.");
                assertThat(Integer.parseInt(hostPort[1])).as(e.getKey()).isBetween(1, 65_535);
            }
        }
        assertThat(DEFAULTS.values()).as("no two addresses alike").doesNotHaveDuplicates();
    }

    @Test
    void thePbxsPointAtTheirPopAndThePopsAtTheirPbxsAndTheProxyAtBothPops() {
        String primary = "${SIPDRILL_PRIMARY:-127.0.1.1:5060}";
        String backup = "${SIPDRILL_BACKUP:-127.0.2.1:5060}";
        String carrier = "${SIPDRILL_CARRIER:-127.0.4.1:5060}";
        assertThat(environment("registrar")).containsEntry("SIPDRILL_LISTEN", primary)
                .containsEntry("SIPDRILL_PBXS", environment("pbx-1").get("SIPDRILL_LISTEN") + "," + environment("pbx-2").get("SIPDRILL_LISTEN"))
                .containsEntry("SIPDRILL_CARRIER", carrier);
        assertThat(environment("backup")).containsEntry("SIPDRILL_LISTEN", backup)
                .containsEntry("SIPDRILL_PBXS", environment("backup-pbx-1").get("SIPDRILL_LISTEN"))
                .containsEntry("SIPDRILL_CARRIER", carrier);
        for (String pbx : List.of("pbx-1", "pbx-2")) {
            assertThat(environment(pbx)).containsEntry("SIPDRILL_POP", primary).containsEntry("SIPDRILL_CARRIER", carrier)
                    .containsEntry("SIPDRILL_VOICEMAIL", "${SIPDRILL_VOICEMAIL:-127.0.1.30:5060}");
            assertThat(dependsOn(pbx)).containsOnlyKeys("registrar");
        }
        assertThat(environment("backup-pbx-1")).containsEntry("SIPDRILL_POP", backup).containsEntry("SIPDRILL_CARRIER", carrier)
                .containsEntry("SIPDRILL_VOICEMAIL", "${SIPDRILL_BACKUP_VOICEMAIL:-127.0.2.30:5060}");
        assertThat(dependsOn("backup-pbx-1")).containsOnlyKeys("backup");
        assertThat(environment("fault-proxy"))
                .containsEntry("SIPDRILL_PROXY_API", "${SIPDRILL_PROXY_API:-127.0.5.100:8474}")
                .containsEntry("SIPDRILL_LINK_PRIMARY", "${SIPDRILL_LINK_PRIMARY:-127.0.5.1:5060}")
                .containsEntry("SIPDRILL_PRIMARY", primary)
                .containsEntry("SIPDRILL_LINK_BACKUP", "${SIPDRILL_LINK_BACKUP:-127.0.5.2:5060}")
                .containsEntry("SIPDRILL_BACKUP", backup);
        assertThat(dependsOn("fault-proxy")).containsOnlyKeys("registrar", "backup");
        assertThat(services.get("registrar")).doesNotContainKey("depends_on");
        assertThat(services.get("backup")).doesNotContainKey("depends_on");
    }

    @Test
    void eachServiceListensOnItsOwnAddressAndNoneOnSipdrillsVoicemailOrCarrier() {
        Map<String, String> listening = new HashMap<>();
        services.forEach((name, service) -> {
            Map<String, String> env = environment(name);
            for (String key : List.of("SIPDRILL_LISTEN", "SIPDRILL_PROXY_API", "SIPDRILL_LINK_PRIMARY", "SIPDRILL_LINK_BACKUP")) {
                if (env.containsKey(key)) {
                    assertThat(listening.put(env.get(key), name)).as(name + " " + key + " is its own").isNull();
                }
            }
        });
        assertThat(String.join(" ", listening.keySet())).doesNotContain("SIPDRILL_VOICEMAIL", "SIPDRILL_BACKUP_VOICEMAIL",
                "SIPDRILL_CARRIER");
    }

    @Test
    void prometheusAndGrafanaAreOnlyInTheMonitoringProfileAndNotTheTopologysContainers() {
        topology.forEach((name, service) -> assertThat(service).as(name).doesNotContainKey("profiles"));
        for (String name : MONITORING) {
            Map<String, Object> service = services.get(name);
            assertThat(service.get("profiles")).as(name + " profiles").isEqualTo(List.of("monitoring"));
            // Not io.sipdrill.topology: the docker topology attaches to what carries that label.
            assertThat(service.get("labels")).as(name + " labels").isEqualTo(Map.of("io.sipdrill.monitoring", name));
        }
        assertThat(services.get("prometheus").get("image")).isEqualTo("sipdrill/prometheus:${SIPDRILL_TAG:-local}");
        // Not in Debian, no registry here: the upstream image, a pinned 11.x tag (never "latest").
        assertThat((String) services.get("grafana").get("image")).matches("grafana/grafana-oss:11\\.\\d+\\.\\d+");
        assertThat(dependsOn("grafana")).containsOnlyKeys("prometheus");
    }

    @Test
    void prometheusListensWhereGrafanasDatasourceLooksAndScrapesSipdrillsMetricsAddress() throws IOException {
        String prometheus = "${SIPDRILL_PROMETHEUS:-127.0.5.90:9090}";
        assertThat(environment("prometheus")).containsEntry("SIPDRILL_PROMETHEUS", prometheus);
        assertThat(environment("grafana")).containsEntry("SIPDRILL_PROMETHEUS", prometheus)
                .containsEntry("GF_SERVER_HTTP_ADDR", "127.0.5.91").containsEntry("GF_SERVER_HTTP_PORT", "3000");
        java.nio.file.Path root = ComposeFile.repoRoot();
        assertThat(Files.readString(root.resolve("dashboards/grafana/provisioning/datasources/prometheus.yaml")))
                .contains("uid: sipdrill-prometheus").contains("url: http://${SIPDRILL_PROMETHEUS}");
        assertThat(Files.readString(ComposeFile.dockerDir().resolve("prometheus.yml"))).contains("targets: ['127.0.5.99:9464']");
        // Every mounted file or folder exists (paths relative to compose.yaml's folder).
        for (String name : MONITORING) {
            for (Object volume : (List<?>) services.get(name).get("volumes")) {
                java.nio.file.Path source = ComposeFile.dockerDir().resolve(((String) volume).split(":")[0]).normalize();
                assertThat(source).as("%s volume %s", name, volume).exists();
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> environment(String service) {
        Object env = services.get(service).get("environment");
        assertThat(env).as(service + " environment is a map").isInstanceOf(Map.class);
        return (Map<String, String>) env;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> dependsOn(String service) {
        Object deps = services.get(service).get("depends_on");
        assertThat(deps).as(service + " depends_on is a map").isInstanceOf(Map.class);
        return (Map<String, Object>) deps;
    }

    private static void collectStrings(Object node, List<String> out) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                collectStrings(k, out);
                collectStrings(v, out);
            });
        } else if (node instanceof List<?> list) {
            list.forEach(v -> collectStrings(v, out));
        } else if (node instanceof String s) {
            out.add(s);
        }
    }
}
