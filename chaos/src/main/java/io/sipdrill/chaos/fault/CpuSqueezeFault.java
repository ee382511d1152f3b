package io.sipdrill.chaos.fault;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Caps a process tree at a share of one core, the way a runaway neighbour or a noisy call event
 * starves a server: it keeps running and answering, only late. The process is looked up at
 * inject time, so a topology that restarts its server hands the fault the current one.
 *
 * <pre>{@code
 * Fault squeeze = CpuSqueezeFault.of("cpu-squeeze", "pbx-1", () -> pbx1.handle(), 0.05);
 * squeeze.inject();   // pbx-1 gets 5% of a core
 * squeeze.revert();   // back in its own cgroup, the fault's group removed
 * }</pre>
 */
public final class CpuSqueezeFault implements Fault {

    private final String name;
    private final String target;
    private final Supplier<Optional<ProcessHandle>> process;
    private final CpuLimit limit;
    private final CgroupCpuController cpu;
    private CgroupCpuController.Squeezed squeezed;

    /**
     * @param quota share of one core, see {@link CpuLimit#of}
     */
    public CpuSqueezeFault(String name, String target, Supplier<Optional<ProcessHandle>> process, double quota,
                           CgroupCpuController cpu) {
        this.name = name;
        this.target = target;
        this.process = process;
        this.limit = CpuLimit.of(quota);
        this.cpu = cpu;
    }

    /**
     * A squeeze through this host's cgroup CPU controller.
     *
     * @throws UnsupportedOperationException when the host has no writable one (one line saying so)
     * @throws IllegalArgumentException for a quota outside what CFS can enforce
     */
    public static CpuSqueezeFault of(String name, String target, Supplier<Optional<ProcessHandle>> process, double quota) {
        CpuLimit.of(quota);
        CgroupCpuController cpu = CgroupCpuController.detect()
                .orElseThrow(() -> new UnsupportedOperationException(CgroupCpuController.unavailableReason()));
        return new CpuSqueezeFault(name, target, process, quota, cpu);
    }

    /**
     * Removes CPU groups left by a sipdrill run that was killed while a squeeze was applied, putting
     * their processes back in the root group. Called by the CLI at start; empty without a controller.
     */
    public static List<String> releaseLeftovers() throws IOException, InterruptedException {
        Optional<CgroupCpuController> cpu = CgroupCpuController.detect();
        return cpu.isPresent() ? cpu.get().releaseLeftovers() : List.of();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String target() {
        return target;
    }

    @Override
    public synchronized void inject() throws IOException, InterruptedException {
        if (squeezed != null) {
            return;
        }
        ProcessHandle handle = process.get().filter(ProcessHandle::isAlive)
                .orElseThrow(() -> new IllegalStateException(target + " is not running; nothing to squeeze"));
        squeezed = cpu.squeeze(name + "-" + target, handle, limit);
    }

    @Override
    public synchronized void revert() throws IOException, InterruptedException {
        if (squeezed == null) {
            return;
        }
        squeezed.release();
        // Cleared only after a successful release, so a failed revert can be retried.
        squeezed = null;
    }

    /** True while the target is squeezed by this fault. */
    public synchronized boolean injected() {
        return squeezed != null;
    }

    /** The squeeze in force (its group, pids and their origins), empty when not injected. */
    public synchronized Optional<CgroupCpuController.Squeezed> squeezed() {
        return Optional.ofNullable(squeezed);
    }

    public CpuLimit limit() {
        return limit;
    }

    /** {@code cgroup v1 cpu 2% (2000/100000 us)}. */
    @Override
    public String detail() {
        return cpu.description() + " " + limit.describe();
    }
}
