package io.sipdrill.environments.local;

import io.sipdrill.chaos.fault.CpuSqueezeFault;
import io.sipdrill.chaos.fault.Fault;
import io.sipdrill.chaos.fault.FaultTargets;
import io.sipdrill.chaos.fault.FreezeFault;
import io.sipdrill.chaos.fault.KillFault;
import io.sipdrill.chaos.fault.AppliedFaults;
import io.sipdrill.chaos.fault.TargetWatch;

import java.util.Optional;
import java.util.Set;

/**
 * The {@code local} topology's hosts as fault targets: each is one Kamailio instance's process
 * tree (main process and workers), looked up when a fault is injected, so a fault after a restart
 * acts on the new process.
 *
 * <table>
 * <caption>What each request does</caption>
 * <tr><td>cpuSqueeze</td><td>{@link CpuSqueezeFault}: the tree in its own cgroup with a CFS quota</td></tr>
 * <tr><td>freeze</td><td>{@link FreezeFault}: cgroup freezer, else SIGSTOP</td></tr>
 * <tr><td>kill</td><td>{@link KillFault}: SIGKILL the tree (a freeze or squeeze on it released first);
 *     revert starts the instance again on the same address, health-checked</td></tr>
 * <tr><td>restart</td><td>SIGTERM, start, health check; bindings are lost</td></tr>
 * </table>
 */
final class LocalFaultTargets implements FaultTargets {

    static final String REGISTRAR = "registrar";

    private final LocalTopology topology;
    private final AppliedFaults applied;

    LocalFaultTargets(LocalTopology topology, AppliedFaults applied) {
        this.topology = topology;
        this.applied = applied;
    }

    @Override
    public Set<String> names() {
        return topology.targetNames();
    }

    @Override
    public Fault cpuSqueeze(String target, double quota) {
        requireKnown(target);
        return applied.holding(CpuSqueezeFault.of("cpu-squeeze", target, () -> topology.process(target), quota));
    }

    @Override
    public Fault freeze(String target) {
        requireKnown(target);
        return applied.holding(FreezeFault.of("freeze", target, () -> topology.process(target)));
    }

    @Override
    public Fault kill(String target) {
        requireKnown(target);
        return applied.other(new KillFault(target, () -> killable(target), () -> topology.startAgain(target)));
    }

    @Override
    public void restart(String target) throws Exception {
        requireKnown(target);
        topology.restart(target);
    }

    /** The process to SIGKILL, once any freeze on it is thawed (a frozen task would not die). */
    private Optional<ProcessHandle> killable(String target) {
        try {
            applied.releaseHolds(target);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while releasing the holds on " + target, e);
        } catch (Exception e) {
            throw new IllegalStateException("could not release the freeze or squeeze on " + target + " before killing it: "
                    + e.getMessage(), e);
        }
        // Our kill: its exit is planned, not a death behind the drill's back.
        topology.instance(target).ifPresent(KamailioProcess::expectExit);
        return topology.process(target);
    }

    @Override
    public void watch(TargetWatch watch) {
        topology.watch(watch);
    }

    private void requireKnown(String target) {
        if (!names().contains(target)) {
            throw new IllegalArgumentException("unknown target " + target + "; the local topology has "
                    + String.join(", ", names()));
        }
    }
}
