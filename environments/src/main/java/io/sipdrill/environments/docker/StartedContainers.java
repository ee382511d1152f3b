package io.sipdrill.environments.docker;

import org.testcontainers.containers.ContainerLaunchException;

import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The containers a run started itself with Testcontainers (no compose stack was running): one
 * {@link KamailioContainer} per service, labelled with the run's id, removed again by
 * {@link #close()}. Ryuk cannot run without a registry, so nothing else would remove them.
 */
final class StartedContainers implements TopologyContainers {

    private static final System.Logger LOG = System.getLogger(StartedContainers.class.getName());

    private final Map<String, KamailioContainer> byTarget;

    private StartedContainers(Map<String, KamailioContainer> byTarget) {
        this.byTarget = byTarget;
    }

    /**
     * Starts every service in order, each health-checked; if one fails, the ones already started
     * are removed before the error is thrown.
     */
    static StartedContainers start(List<DockerService> services, String runId, Duration startTimeout) {
        Map<String, KamailioContainer> started = new LinkedHashMap<>();
        StartedContainers containers = new StartedContainers(started);
        try {
            for (DockerService service : services) {
                KamailioContainer container = new KamailioContainer(service, runId, startTimeout);
                // Recorded before start(): a container created but not healthy must be removed too.
                started.put(service.target(), container);
                try {
                    container.start();
                } catch (ContainerLaunchException e) {
                    // Testcontainers wraps the reason in "Container startup failed for image …" twice over.
                    throw new IllegalStateException("the " + service.target() + " container (" + service.image()
                            + ") did not start: " + rootMessage(e), e);
                }
            }
        } catch (RuntimeException e) {
            containers.close();
            throw e;
        }
        return containers;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }

    @Override
    public DockerTopologyConfig.Mode mode() {
        return DockerTopologyConfig.Mode.START;
    }

    @Override
    public Optional<String> containerId(String target) {
        // A kill and start keep the container (and its id); only close() removes it.
        return Optional.ofNullable(byTarget.get(target)).map(KamailioContainer::getContainerId);
    }

    @Override
    public Optional<InetSocketAddress> faultProxyApi() {
        return Optional.empty();
    }

    /** The Testcontainers objects, in start order (tests inspect them). */
    List<KamailioContainer> containers() {
        return List.copyOf(byTarget.values());
    }

    @Override
    public void close() {
        List<KamailioContainer> all = new ArrayList<>(byTarget.values());
        java.util.Collections.reverse(all);
        for (KamailioContainer container : all) {
            try {
                // Stops and removes it (with its anonymous volumes).
                container.stop();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not remove the " + container.target() + " container "
                        + container.getContainerId(), e);
            }
        }
    }
}
