package io.sipdrill.environments.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import io.sipdrill.chaos.fault.Fault;
import io.sipdrill.chaos.fault.container.ContainerLookup;

/**
 * A stopgap for the registrar outage only: {@code docker pause} on the target's container (the
 * cgroup freezer: it keeps its socket and stays silent), unpause and health check on revert.
 * {@link DockerTopology#registrarOutage()} uses it while {@code ContainerFaultTargets.freeze} is
 * not built; once it is, this class is unused and goes.
 */
final class ContainerPauseFault implements Fault {

    private final DockerClient docker;
    private final ContainerLookup lookup;
    private final String target;
    /** The container paused, null when not injected. */
    private String pausedId;

    ContainerPauseFault(DockerClient docker, ContainerLookup lookup, String target) {
        this.docker = docker;
        this.lookup = lookup;
        this.target = target;
    }

    @Override
    public String name() {
        return "freeze";
    }

    @Override
    public String target() {
        return target;
    }

    @Override
    public synchronized void inject() {
        if (pausedId != null) {
            return;
        }
        String id = lookup.containerId(target)
                .orElseThrow(() -> new IllegalStateException(target + " has no container (start the topology first)"));
        docker.pauseContainerCmd(id).exec();
        pausedId = id;
    }

    @Override
    public synchronized void revert() throws Exception {
        if (pausedId == null) {
            return;
        }
        try {
            if (Boolean.TRUE.equals(docker.inspectContainerCmd(pausedId).exec().getState().getPaused())) {
                docker.unpauseContainerCmd(pausedId).exec();
            }
        } catch (NotFoundException gone) {
            // removed meanwhile: nothing left paused
            pausedId = null;
            return;
        }
        pausedId = null;
        lookup.awaitHealthy(target);
    }

    @Override
    public String detail() {
        return "docker pause";
    }
}
