package io.sipdrill.environments.docker;

import io.sipdrill.environments.CallRoles;
import com.github.dockerjava.api.model.HealthCheck;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;
import org.testcontainers.utility.DockerImageName;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * What {@code docker-compose -f environments/docker/compose.yaml up -d} leaves running, made by a
 * test: the same containers with compose's labels and variables but no {@code io.sipdrill.run}
 * label, so a {@link DockerTopology} treats them as the user's. A {@code fault-proxy} stand-in
 * (a sleeping container that only says where the API is, {@code SIPDRILL_PROXY_API}) may join:
 * the test runs sipdrill's proxy in its own JVM, as there is no sipdrill image to run it in here.
 *
 * <pre>{@code
 * try (ComposeLikeStack stack = ComposeLikeStack.start(config, null, Optional.of(api))) {
 *     new DockerTopology(config).start();   // attaches
 * }
 * }</pre>
 */
final class ComposeLikeStack implements AutoCloseable {

    private final List<GenericContainer<?>> containers;

    private ComposeLikeStack(List<GenericContainer<?>> containers) {
        this.containers = containers;
    }

    static ComposeLikeStack start(DockerTopologyConfig config, CallRoles calls, Optional<InetSocketAddress> faultProxyApi) {
        List<GenericContainer<?>> started = new ArrayList<>();
        ComposeLikeStack stack = new ComposeLikeStack(started);
        try {
            for (DockerService service : DockerService.plan(config, calls)) {
                GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(service.image()))
                        .withNetworkMode("host").withEnv(service.env()).withLabels(service.composeLabels())
                        .withImagePullPolicy(image -> false)
                        .waitingFor(new SipOptionsWaitStrategy(service.listen()).withStartupTimeout(Duration.ofSeconds(20)));
                started.add(container);
                container.start();
            }
            if (faultProxyApi.isPresent()) {
                GenericContainer<?> proxy = new GenericContainer<>(DockerImageName.parse(config.kamailioImage()))
                        .withNetworkMode("host")
                        .withLabel(DockerService.TOPOLOGY_LABEL, DockerService.TOPOLOGY_VALUE)
                        .withLabel(DockerService.TARGET_LABEL, DockerService.FAULT_PROXY)
                        .withEnv(AttachedContainers.PROXY_API, DockerService.hostPort(faultProxyApi.get()))
                        .withImagePullPolicy(image -> false)
                        .withCreateContainerCmdModifier(cmd -> cmd.withEntrypoint("sleep", "infinity")
                                .withHealthcheck(new HealthCheck().withTest(List.of("NONE"))))
                        .waitingFor(new AbstractWaitStrategy() {
                            @Override
                            protected void waitUntilReady() {
                                // nothing in it to wait for
                            }
                        });
                started.add(proxy);
                proxy.start();
            }
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
        return stack;
    }

    /** The container ids, in start order. */
    List<String> ids() {
        return containers.stream().map(GenericContainer::getContainerId).toList();
    }

    @Override
    public void close() {
        List<GenericContainer<?>> all = new ArrayList<>(containers);
        Collections.reverse(all);
        all.forEach(GenericContainer::stop);
    }
}
