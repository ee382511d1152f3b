package io.sipdrill.environments.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import io.sipdrill.chaos.fault.Fault;
import io.sipdrill.chaos.fault.LinkFaults;
import io.sipdrill.environments.CallRoles;
import io.sipdrill.environments.HandsetLinks;
import io.sipdrill.environments.TestPhones;
import io.sipdrill.environments.local.SipOptionsProbe;
import io.sipdrill.load.handset.Handset;
import io.sipdrill.load.handset.Pop;
import io.sipdrill.load.sip.call.Media;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The docker topology on real containers of the local images. Start mode: the extension's own
 * containers on 127.0.194.1/127.0.195.1, and one with the call side that is removed on close.
 * Attach mode: compose.yaml brought up with docker-compose on 127.0.196.x, which a topology uses
 * (with the call side) and leaves running.
 */
@Tag("docker")
class DockerTopologyTest {

    @RegisterExtension
    static DockerTopologyExtension docker = DockerTopologyExtension.onBlocks("127.0.194", "127.0.195");

    private final SipOptionsProbe probe = new SipOptionsProbe(Duration.ofMillis(500));
    private final DockerClient client = DockerClientFactory.instance().client();

    @TempDir
    Path tmp;

    @Test
    void bothPopsAnswerOptionsAndAHandsetRegisters() throws Exception {
        InetSocketAddress primary = docker.endpoints().primary().address();
        InetSocketAddress backup = docker.endpoints().backup().address();
        assertThat(docker.endpoints().primary().hostPort()).isEqualTo("127.0.194.1:5060");
        assertThat(docker.endpoints().backup().realm()).isEqualTo("sipdrill.test");
        assertThat(probe.probe(primary)).as("primary OPTIONS").hasValue(200);
        assertThat(probe.probe(backup)).as("backup OPTIONS").hasValue(200);

        try (TestPhones phones = TestPhones.start("127.0.194.200", primary, backup)) {
            Handset handset = phones.register("1940001");
            assertThat(phones.awaitRegistered(handset, Pop.PRIMARY)).as("registered on the primary container").isTrue();
        }
    }

    @Test
    void startModeRunsHostNetworkedContainersLabelledLikeComposeAndItsRun() throws Exception {
        DockerTopology topology = docker.topology();
        assertThat(topology.mode()).as("no compose stack on these addresses: started").hasValue(DockerTopologyConfig.Mode.START);
        assertThat(topology.handsetLinks()).as("the in-JVM proxy serves the handsets in start mode").isEmpty();
        assertThat(topology.faults().names()).containsExactly("registrar", "backup");

        List<Container> ours = byRun(topology.runId());
        assertThat(ours).extracting(c -> c.getLabels().get("io.sipdrill.target")).containsExactlyInAnyOrder("registrar", "backup");
        for (Container container : ours) {
            InspectContainerResponse inspected = client.inspectContainerCmd(container.getId()).exec();
            assertThat(inspected.getHostConfig().getNetworkMode()).as("network of %s", container.getNames()[0]).isEqualTo("host");
            assertThat(inspected.getConfig().getLabels()).containsEntry("io.sipdrill.topology", "docker");
            assertThat(inspected.getConfig().getImage()).isEqualTo("sipdrill/kamailio:local");
            assertThat(container.getNames()[0]).startsWith("/sipdrill-" + topology.runId() + "-");
        }
        assertThat(AttachedContainers.env(client, topology.containerId("registrar").orElseThrow()))
                .containsEntry("SIPDRILL_LISTEN", "127.0.194.1:5060").containsEntry("SIPDRILL_ROLE", "registrar");

        topology.collectLogs(tmp);
        assertThat(tmp.resolve("docker-registrar.log")).content()
                .contains("sipdrill-kamailio: primary (registrar) on udp:127.0.194.1:5060");
        assertThat(tmp.resolve("docker-backup.log")).exists();
    }

    @Test
    void closeRemovesTheContainersItStartedEvenWithTheRegistrarPaused() throws Exception {
        InetSocketAddress primary = new InetSocketAddress("127.0.194.50", 5060);
        InetSocketAddress backup = new InetSocketAddress("127.0.195.50", 5060);
        CallRoles roles = CallRoles.onBlocks("127.0.194", "127.0.195", new InetSocketAddress("127.0.194.99", 5060), 2);
        DockerTopologyConfig config = DockerTopologyConfig.defaults().withAddresses(primary, backup)
                .withMode(DockerTopologyConfig.Mode.START);
        String runId;
        List<String> ids;
        try (DockerTopology topology = new DockerTopology(config)) {
            topology.enableCalls(roles, Media.NONE);
            topology.start();
            runId = topology.runId();
            ids = byRun(runId).stream().map(Container::getId).toList();
            assertThat(topology.faults().names()).containsExactly("registrar", "backup", "pbx-1", "pbx-2", "backup-pbx-1");
            assertThat(ids).as("registrar, backup, two PBXs, one backup PBX").hasSize(5);
            assertThat(probe.probe(roles.primaryPbxs().get(1))).as("pbx-2 OPTIONS").hasValue(200);
            assertThat(probe.probe(roles.backupVoicemail())).as("the voicemail beside the backup POP").hasValue(200);
            assertThat(AttachedContainers.env(client, topology.containerId("registrar").orElseThrow()))
                    .containsEntry("SIPDRILL_ROLE", "pop").containsEntry("SIPDRILL_PBXS", "127.0.194.11:5060,127.0.194.12:5060");
            assertThat(AttachedContainers.env(client, topology.containerId("backup-pbx-1").orElseThrow()))
                    .containsEntry("SIPDRILL_POP", "127.0.195.50:5060").containsEntry("SIPDRILL_VOICEMAIL", "127.0.195.30:5060");

            Fault outage = topology.registrarOutage();
            assertThat(outage.name()).isEqualTo("registrar-outage");
            assertThat(outage.target()).isEqualTo("registrar");
            outage.inject();
            assertThat(probe.probe(primary)).as("paused registrar OPTIONS (%s)", outage.detail()).isEmpty();
            assertThat(probe.probe(backup)).as("backup OPTIONS during the outage").hasValue(200);
            outage.revert();
            assertThat(probe.probe(primary)).as("unpaused registrar OPTIONS").hasValue(200);
            // Left paused: close() must unpause before it can stop the registrar.
            outage.inject();
        }
        assertThat(byRun(runId)).as("containers of run %s after close()", runId).isEmpty();
        for (String id : ids) {
            assertThatThrownBy(() -> client.inspectContainerCmd(id).exec()).as("container %s", id)
                    .isInstanceOf(NotFoundException.class);
        }
        try (DatagramSocket free = new DatagramSocket(primary)) {
            assertThat(free.isBound()).as("the registrar's address is free again").isTrue();
        }
    }

    /** compose.yaml's variables for a whole stack on 127.0.196.x: primary side .1-.40, backup side .101-.130, proxy .200. */
    private static final Map<String, String> ATTACH_ADDRESSES = Map.ofEntries(
            Map.entry("SIPDRILL_PRIMARY", "127.0.196.1:5060"),
            Map.entry("SIPDRILL_PBX_1", "127.0.196.11:5060"),
            Map.entry("SIPDRILL_PBX_2", "127.0.196.12:5060"),
            Map.entry("SIPDRILL_VOICEMAIL", "127.0.196.30:5060"),
            Map.entry("SIPDRILL_CARRIER", "127.0.196.40:5060"),
            Map.entry("SIPDRILL_BACKUP", "127.0.196.101:5060"),
            Map.entry("SIPDRILL_BACKUP_PBX_1", "127.0.196.111:5060"),
            Map.entry("SIPDRILL_BACKUP_VOICEMAIL", "127.0.196.130:5060"),
            Map.entry("SIPDRILL_PROXY_API", "127.0.196.200:8474"),
            Map.entry("SIPDRILL_LINK_PRIMARY", "127.0.196.51:5060"),
            Map.entry("SIPDRILL_LINK_BACKUP", "127.0.196.52:5060"));
    private static final String PROXY_IMAGE = "sipdrill/proxy:local";

    @Test
    void attachesToARunningComposeStackUsesItsFaultProxyAndLeavesItRunning() throws Exception {
        InetSocketAddress primary = new InetSocketAddress("127.0.196.1", 5060);
        InetSocketAddress backup = new InetSocketAddress("127.0.196.101", 5060);
        CallRoles roles = new CallRoles(new InetSocketAddress("127.0.196.40", 5060),
                List.of(new InetSocketAddress("127.0.196.11", 5060), new InetSocketAddress("127.0.196.12", 5060)),
                List.of(new InetSocketAddress("127.0.196.111", 5060)), new InetSocketAddress("127.0.196.30", 5060),
                new InetSocketAddress("127.0.196.130", 5060), Duration.ofSeconds(20));
        DockerTopologyConfig config = DockerTopologyConfig.defaults().withAddresses(primary, backup);
        assertThat(config.mode()).isEqualTo(DockerTopologyConfig.Mode.AUTO);
        // compose's own fault-proxy when its image was built (build-images.sh java, as .ci/run does), else a stand-in.
        boolean proxyImage = imagePresent(PROXY_IMAGE);
        List<String> services = new java.util.ArrayList<>(List.of("registrar", "pbx-1", "pbx-2", "backup", "backup-pbx-1"));
        if (proxyImage) {
            services.add("fault-proxy");
        }
        System.out.println("attach test: the fault-proxy is " + (proxyImage ? "compose's (" + PROXY_IMAGE + ")" : "a stand-in"));
        InetSocketAddress api = new InetSocketAddress("127.0.196.200", 8474);
        ToxiproxyHttp toxics = new ToxiproxyHttp(api);
        try (ComposeProject stack = ComposeProject.up("sipdrill-dockertopologytest", ATTACH_ADDRESSES, services.toArray(String[]::new));
             FaultProxyStandIn standIn = proxyImage ? null : FaultProxyStandIn.start(config.kamailioImage(), api,
                     "127.0.196.51:5060", "127.0.196.1:5060", "127.0.196.52:5060", "127.0.196.101:5060")) {
            try (DockerTopology topology = new DockerTopology(config)) {
                topology.enableCalls(roles, Media.NONE);
                topology.start();
                assertThat(topology.mode()).hasValue(DockerTopologyConfig.Mode.ATTACH);
                assertThat(byRun(topology.runId())).as("containers started by an attached run").isEmpty();
                assertThat(topology.containerId("registrar")).as("the stack's registrar").hasValue(stack.id("registrar"));
                assertThat(topology.faults().names()).containsExactly("registrar", "backup", "pbx-1", "pbx-2", "backup-pbx-1");
                assertThat(probe.probe(roles.primaryVoicemail())).as("sipdrill's voicemail beside the primary").hasValue(200);

                HandsetLinks links = topology.handsetLinks().orElseThrow();
                assertThat(links.toPrimary()).isEqualTo(new InetSocketAddress("127.0.196.51", 5060));
                assertThat(links.toBackup()).isEqualTo(new InetSocketAddress("127.0.196.52", 5060));
                assertThat(links.faults().links()).containsExactlyInAnyOrder("handsets->registrar", "handsets->backup");
                try (TestPhones phones = TestPhones.start("127.0.196.250", links.toPrimary(), links.toBackup())) {
                    Handset handset = phones.register("1960001");
                    assertThat(phones.awaitRegistered(handset, Pop.PRIMARY)).as("registered through the fault proxy").isTrue();
                }
                Fault slow = links.faults().toxic("handsets->registrar", "latency", Map.of("latency", 300, "jitter", 10),
                        LinkFaults.Stream.DOWNSTREAM);
                Fault lossy = links.faults().toxic("handsets->backup", "loss", Map.of("probability", 0.5),
                        LinkFaults.Stream.UPSTREAM);
                slow.inject();
                lossy.inject();
                assertThat(toxicTypes(toxics, "handsets->registrar")).containsExactly("latency");
                assertThat(toxics.get("/proxies/handsets-%3Eregistrar/toxics").get(0).path("attributes").path("jitter").asInt())
                        .isEqualTo(10);
                assertThat(toxicTypes(toxics, "handsets->backup")).containsExactly("loss");
                assertThatThrownBy(() -> links.faults().toxic("handsets->registrar", "slicer", Map.of(), LinkFaults.Stream.UPSTREAM))
                        .as("a TCP toxic on a UDP link").hasMessageContaining("no meaning on link handsets->registrar (udp)");

                // Faults apply to the user's containers too, and close() reverts them.
                topology.registrarOutage().inject();
                assertThat(probe.probe(primary)).as("paused compose registrar").isEmpty();
                topology.collectLogs(tmp);
            }
            assertThat(toxicTypes(toxics, "handsets->registrar")).as("toxics after close()").isEmpty();
            assertThat(toxicTypes(toxics, "handsets->backup")).as("toxics after close()").isEmpty();
            assertThat(stack.containers()).hasSize(services.size()).allSatisfy(c -> {
                InspectContainerResponse.ContainerState state = client.inspectContainerCmd(c.getId()).exec().getState();
                assertThat(state.getRunning()).as("compose container %s still running after close()", c.getNames()[0]).isTrue();
                assertThat(state.getPaused()).as("compose container %s unpaused by close()", c.getNames()[0]).isFalse();
            });
            assertThat(probe.probe(primary)).as("the stack's registrar after close()").hasValue(200);
            assertThat(tmp.resolve("docker-registrar.log")).content().contains("primary (pop) on udp:127.0.196.1:5060");
            assertThat(tmp.resolve("docker-fault-proxy.log")).exists();
        }
    }

    @Test
    void aComposeStackOnOtherAddressesIsAOneLineErrorAndStaysUp() throws Exception {
        Map<String, String> compose = Map.of("SIPDRILL_PRIMARY", "127.0.196.21:5060", "SIPDRILL_BACKUP", "127.0.196.22:5060");
        DockerTopologyConfig expected = DockerTopologyConfig.defaults()
                .withAddresses(new InetSocketAddress("127.0.196.9", 5060), new InetSocketAddress("127.0.196.22", 5060));
        try (ComposeProject stack = ComposeProject.up("sipdrill-dockertopologytest-other", compose, "registrar", "backup");
             DockerTopology topology = new DockerTopology(expected)) {
            assertThatThrownBy(topology::start).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("compose service registrar (container ")
                    .hasMessageContaining("has SIPDRILL_LISTEN=127.0.196.21:5060 (sipdrill expects 127.0.196.9:5060)")
                    .hasMessageNotContaining("\n");
            assertThat(byRun(topology.runId())).as("nothing started instead").isEmpty();
            topology.close();
            assertThat(stack.containers()).hasSize(2).allSatisfy(c ->
                    assertThat(client.inspectContainerCmd(c.getId()).exec().getState().getRunning())
                            .as("compose container %s", c.getNames()[0]).isTrue());
        }
    }

    @Test
    void missingImagesAreAOneLineHintToBuildThem() {
        DockerTopologyConfig config = DockerTopologyConfig.defaults()
                .withAddresses(new InetSocketAddress("127.0.195.60", 5060), new InetSocketAddress("127.0.195.61", 5060))
                .withImages("sipdrill/no-such-kamailio:local", "sipdrill/no-such-pbx:local")
                .withMode(DockerTopologyConfig.Mode.START);
        try (DockerTopology topology = new DockerTopology(config)) {
            assertThatThrownBy(topology::start).isInstanceOf(IllegalStateException.class)
                    .hasMessage("docker image sipdrill/no-such-kamailio:local not found: run environments/docker/build-images.sh"
                            + " (sipdrill never pulls them)");
            assertThat(byRun(topology.runId())).isEmpty();
        }
    }

    @Test
    void aTakenAddressIsReportedBeforeAnyContainerStarts() throws Exception {
        InetSocketAddress taken = new InetSocketAddress("127.0.195.70", 5060);
        DockerTopologyConfig config = DockerTopologyConfig.defaults()
                .withAddresses(new InetSocketAddress("127.0.194.70", 5060), taken).withMode(DockerTopologyConfig.Mode.START);
        try (DatagramSocket squatter = new DatagramSocket(taken);
             DockerTopology topology = new DockerTopology(config)) {
            assertThatThrownBy(topology::start).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("udp 127.0.195.70:5060 is already in use");
            assertThat(byRun(topology.runId())).as("containers started anyway").isEmpty();
        }
    }

    private static List<String> toxicTypes(ToxiproxyHttp api, String link) throws Exception {
        List<String> types = new java.util.ArrayList<>();
        api.get("/proxies/" + ToxiproxyHttp.segment(link) + "/toxics").forEach(t -> types.add(t.path("type").asText()));
        return types;
    }

    private boolean imagePresent(String image) {
        try {
            client.inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    private List<Container> byRun(String runId) {
        return client.listContainersCmd().withShowAll(true).withLabelFilter(Map.of("io.sipdrill.run", runId)).exec();
    }
}
