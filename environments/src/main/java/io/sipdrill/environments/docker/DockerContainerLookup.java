package io.sipdrill.environments.docker;

import io.sipdrill.chaos.fault.container.ContainerLookup;

import java.util.Optional;
import java.util.Set;

/** The docker topology's answer to which container each target is: asked at inject time. */
final class DockerContainerLookup implements ContainerLookup {

    private final DockerTopology topology;

    DockerContainerLookup(DockerTopology topology) {
        this.topology = topology;
    }

    @Override
    public Set<String> names() {
        return topology.targetNames();
    }

    @Override
    public Optional<String> containerId(String target) {
        return topology.containerId(target);
    }

    @Override
    public void awaitHealthy(String target) throws Exception {
        topology.awaitHealthy(target);
    }
}
