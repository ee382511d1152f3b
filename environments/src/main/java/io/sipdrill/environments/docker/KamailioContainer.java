package io.sipdrill.environments.docker;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * One of the docker topology's Kamailio services as a Testcontainers container: host networking
 * (it answers on its 127.x listen address on the host's loopback), compose.yaml's variables and
 * labels plus this run's id, ready once it answers SIP OPTIONS. The image is local: never pulled
 * (no registry here), a missing one is reported before this is made ({@link DockerImages}).
 *
 * <pre>{@code
 * try (KamailioContainer registrar = new KamailioContainer(service, "run-1a2b", Duration.ofSeconds(20))) {
 *     registrar.start();                       // returns once OPTIONS gets 200
 *     InetSocketAddress sip = registrar.address();
 * }
 * }</pre>
 */
final class KamailioContainer extends GenericContainer<KamailioContainer> {

    private final DockerService service;

    KamailioContainer(DockerService service, String runId, Duration startTimeout) {
        super(DockerImageName.parse(service.image()));
        this.service = service;
        withNetworkMode("host");
        withEnv(service.env());
        withLabels(service.composeLabels());
        withLabel(DockerService.RUN_LABEL, runId);
        // A present local image is used as it is; Testcontainers' default policy would pull a missing one.
        withImagePullPolicy(image -> false);
        withCreateContainerCmdModifier(cmd -> cmd.withName(containerName(runId, service.target())));
        waitingFor(new SipOptionsWaitStrategy(service.listen()).withStartupTimeout(startTimeout));
    }

    /** {@code sipdrill-<run>-<target>}: {@code docker ps} shows whose container it is. */
    static String containerName(String runId, String target) {
        return "sipdrill-" + runId + "-" + target;
    }

    String target() {
        return service.target();
    }

    InetSocketAddress address() {
        return service.listen();
    }
}
