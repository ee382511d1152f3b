package io.sipdrill.chaos.fault.container;

import com.github.dockerjava.api.DockerClient;
import io.sipdrill.chaos.fault.AppliedFaults;
import io.sipdrill.chaos.fault.Fault;
import io.sipdrill.chaos.fault.FaultTargets;

import java.util.List;
import java.util.Set;

/**
 * The docker topology's hosts as fault targets, each one container, acted on through docker-java.
 * Each fault looks its container up when injected ({@link ContainerLookup#containerId}), so a
 * fault after a re-create acts on the container there is then.
 *
 * <pre>{@code
 * ContainerFaultTargets targets = new ContainerFaultTargets(docker, lookup);
 * Fault squeeze = targets.cpuSqueeze("pbx-1", 0.05);
 * squeeze.inject();             // pbx-1 at 5% of a core
 * targets.restart("pbx-1");     // the squeeze released first, then docker restart
 * targets.revertAll();          // the topology's close: whatever is still applied
 * }</pre>
 *
 * <table>
 * <caption>What each request does</caption>
 * <tr><td>cpuSqueeze</td><td>{@link ContainerCpuSqueezeFault}: {@code docker update --cpu-period
 *     --cpu-quota}; revert puts the container's own values back</td></tr>
 * <tr><td>freeze</td><td>{@link ContainerFreezeFault}: {@code docker pause}; revert unpauses (a thawed server answers at once)</td></tr>
 * <tr><td>kill</td><td>{@link ContainerKillFault}: a freeze or squeeze on it released, then {@code docker kill
 *     --signal SIGKILL}; revert starts it (unless running) and waits until healthy</td></tr>
 * <tr><td>restart</td><td>a freeze or squeeze on it released, {@code docker restart --time 5}, health check;
 *     bindings are lost</td></tr>
 * <tr><td>stress</td><td>{@link ContainerStressFault}: {@code stress-ng} exec'd inside; revert kills it and its
 *     workers</td></tr>
 * </table>
 */
public final class ContainerFaultTargets implements FaultTargets {

    /** What an operator's restart gives the server to stop on SIGTERM before Docker SIGKILLs it. */
    private static final int RESTART_STOP_SECONDS = 5;

    private final DockerClient docker;
    private final ContainerLookup lookup;
    private final AppliedFaults applied = new AppliedFaults();

    public ContainerFaultTargets(DockerClient docker, ContainerLookup lookup) {
        this.docker = docker;
        this.lookup = lookup;
    }

    @Override
    public Set<String> names() {
        return lookup.names();
    }

    /** @throws IllegalArgumentException for an unknown target or a share CFS cannot enforce */
    @Override
    public Fault cpuSqueeze(String target, double quota) {
        return applied.holding(new ContainerCpuSqueezeFault(container(target), quota));
    }

    @Override
    public Fault freeze(String target) {
        return freeze(target, "freeze");
    }

    /** A freeze journaled under {@code name}: the docker topology's {@code registrar-outage}. */
    public Fault freeze(String target, String name) {
        return applied.holding(new ContainerFreezeFault(container(target), name));
    }

    @Override
    public Fault kill(String target) {
        return applied.other(new ContainerKillFault(container(target), () -> applied.releaseHolds(target)));
    }

    /** The drill's {@code cpu-burn}: {@link #stress} with the load as a whole percentage (at least 1). */
    @Override
    public Fault cpuBurn(String target, int workers, double load) {
        return stress(target, workers, (int) Math.max(1, Math.round(load * 100)));
    }

    /**
     * Burns CPU inside {@code target}'s container with {@code stress-ng --cpu workers --cpu-load
     * loadPercent} (the image must have stress-ng) until reverted.
     *
     * @throws IllegalArgumentException for an unknown target, no worker or a load outside 1–100 %
     */
    public Fault stress(String target, int workers, int loadPercent) {
        return stress(target, ContainerStressFault.stressNg(workers, loadPercent));
    }

    /** A burner running {@code command} (a test's {@code sh -c 'while :; do :; done'}). */
    Fault stress(String target, List<String> command) {
        return applied.other(new ContainerStressFault(container(target), command));
    }

    /**
     * Releases any freeze or squeeze on {@code target} (and unpauses it if something else paused it),
     * then {@code docker restart --time 5} and the health check. A stopped container (killed) is started.
     */
    @Override
    public void restart(String target) throws Exception {
        TargetContainer container = container(target);
        String id = container.requireId();
        applied.releaseHolds(target);
        container.thawBeforeStopping(id);
        container.run(id, "docker restart", () -> docker.restartContainerCmd(id).withTimeout(RESTART_STOP_SECONDS).exec());
        container.awaitHealthy();
    }

    /** Reverts every fault still applied, holds first (the topology's close); never throws. */
    public void revertAll() {
        applied.revertAll();
    }

    private TargetContainer container(String target) {
        if (!names().contains(target)) {
            throw new IllegalArgumentException("unknown target " + target + "; the docker topology has "
                    + String.join(", ", names()));
        }
        return new TargetContainer(docker, lookup, target);
    }
}
