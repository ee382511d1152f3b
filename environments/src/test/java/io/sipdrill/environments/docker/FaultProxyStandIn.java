package io.sipdrill.environments.docker;

import com.github.dockerjava.api.model.HealthCheck;
import io.sipdrill.chaos.api.ToxiproxyApiServer;
import io.sipdrill.chaos.proxy.FaultProxy;
import io.sipdrill.chaos.proxy.RouteSpec;
import io.sipdrill.environments.ProxiedLinks;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;
import org.testcontainers.utility.DockerImageName;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * compose's {@code fault-proxy} service where its image ({@code sipdrill/proxy:local}, built from
 * the app's jars by {@code build-images.sh java}) is missing: sipdrill's fault proxy in this JVM
 * with the service's two UDP links, and a sleeping container with the service's labels that only
 * says where the API is ({@code SIPDRILL_PROXY_API}), which is all the docker topology reads.
 */
final class FaultProxyStandIn implements AutoCloseable {

    private final FaultProxy proxy;
    private final ToxiproxyApiServer api;
    private final GenericContainer<?> container;

    private FaultProxyStandIn(FaultProxy proxy, ToxiproxyApiServer api, GenericContainer<?> container) {
        this.proxy = proxy;
        this.api = api;
        this.container = container;
    }

    static FaultProxyStandIn start(String image, InetSocketAddress apiAddress, String linkPrimary, String primary,
                                   String linkBackup, String backup) throws IOException {
        FaultProxy proxy = new FaultProxy(FaultProxy.Options.defaults());
        ToxiproxyApiServer api = null;
        GenericContainer<?> container = null;
        try {
            proxy.create(RouteSpec.udp(ProxiedLinks.HANDSETS_TO_REGISTRAR, linkPrimary, primary));
            proxy.create(RouteSpec.udp(ProxiedLinks.HANDSETS_TO_BACKUP, linkBackup, backup));
            api = ToxiproxyApiServer.start(proxy, apiAddress);
            container = new GenericContainer<>(DockerImageName.parse(image))
                    .withNetworkMode("host")
                    .withLabel(DockerService.TOPOLOGY_LABEL, DockerService.TOPOLOGY_VALUE)
                    .withLabel(DockerService.TARGET_LABEL, DockerService.FAULT_PROXY)
                    .withEnv(AttachedContainers.PROXY_API, DockerService.hostPort(apiAddress))
                    .withImagePullPolicy(name -> false)
                    .withCreateContainerCmdModifier(cmd -> cmd.withEntrypoint("sleep", "infinity")
                            .withHealthcheck(new HealthCheck().withTest(List.of("NONE"))))
                    .waitingFor(new AbstractWaitStrategy() {
                        @Override
                        protected void waitUntilReady() {
                            // nothing runs in it to wait for
                        }
                    });
            container.start();
            return new FaultProxyStandIn(proxy, api, container);
        } catch (IOException | RuntimeException e) {
            new FaultProxyStandIn(proxy, api, container).close();
            throw e;
        }
    }

    @Override
    public void close() {
        if (container != null) {
            container.stop();
        }
        if (api != null) {
            api.close();
        }
        proxy.close();
    }
}
