package io.sipdrill.chaos.fault.container;

import com.github.dockerjava.api.DockerClient;
import io.sipdrill.chaos.fault.Fault;
import io.sipdrill.chaos.fault.FaultTargets;

import java.util.Set;

/**
 * The docker topology's hosts as fault targets, each one container, acted on through docker-java.
 * (Contract first; the faults land in the next commits.)
 */
public final class ContainerFaultTargets implements FaultTargets {

    private final DockerClient docker;
    private final ContainerLookup lookup;

    public ContainerFaultTargets(DockerClient docker, ContainerLookup lookup) {
        this.docker = docker;
        this.lookup = lookup;
    }

    @Override
    public Set<String> names() {
        return lookup.names();
    }

    @Override
    public Fault cpuSqueeze(String target, double quota) {
        throw new UnsupportedOperationException("container cpu-squeeze is not built yet");
    }

    @Override
    public Fault freeze(String target) {
        throw new UnsupportedOperationException("container freeze is not built yet");
    }

    @Override
    public Fault kill(String target) {
        throw new UnsupportedOperationException("container kill is not built yet");
    }

    @Override
    public void restart(String target) {
        throw new UnsupportedOperationException("container restart is not built yet");
    }

    /** Reverts every fault still applied (the topology's close). */
    public void revertAll() {
    }
}
