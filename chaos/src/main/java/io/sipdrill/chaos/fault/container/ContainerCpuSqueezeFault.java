package io.sipdrill.chaos.fault.container;

import com.github.dockerjava.api.model.HostConfig;
import io.sipdrill.chaos.fault.CpuLimit;
import io.sipdrill.chaos.fault.Fault;

/**
 * Caps a container at a share of one core with a CFS quota ({@code docker update --cpu-period
 * --cpu-quota}): every process in it keeps running and answering, only late, as when a noisy
 * neighbour starves a server. Reverting puts back the quota and period the container had before.
 *
 * <pre>{@code
 * Fault squeeze = targets.cpuSqueeze("pbx-1", 0.05);
 * squeeze.inject();   // docker update --cpu-period 100000 --cpu-quota 5000 <pbx-1>
 * squeeze.revert();   // pbx-1 unlimited again (or back to its own quota)
 * }</pre>
 *
 * <p>A small share gets a longer period, not a rounded-up quota ({@link CpuLimit}): the kernel
 * refuses a quota under 1 ms. The update is part of the container's HostConfig, so it outlives a
 * restart: that is why an operator's restart or a kill releases it first.
 */
final class ContainerCpuSqueezeFault implements Fault {

    /** The kernel's default CFS period, what a container without {@code --cpu-period} runs with. */
    private static final int KERNEL_PERIOD_MICROS = 100_000;
    /**
     * What clears a quota in an update. Docker 20.10 reads 0 as "leave it as it is" (an update
     * with {@code --cpu-quota 0} keeps the old quota), so unlimited must be written as -1.
     */
    private static final int UNLIMITED = -1;

    /** The container's own quota and period before the squeeze (HostConfig: 0 or -1 is unlimited, period 0 the default). */
    private record Before(String containerId, long periodMicros, long quotaMicros) {
        boolean unlimited() {
            return quotaMicros <= 0;
        }
    }

    private final TargetContainer container;
    private final CpuLimit limit;
    private Before before;

    /**
     * @param quota share of one core, see {@link CpuLimit#of}
     * @throws IllegalArgumentException for a share CFS cannot enforce
     */
    ContainerCpuSqueezeFault(TargetContainer container, double quota) {
        this.container = container;
        this.limit = CpuLimit.of(quota);
    }

    @Override
    public String name() {
        return "cpu-squeeze";
    }

    @Override
    public String target() {
        return container.target();
    }

    @Override
    public synchronized void inject() throws InterruptedException {
        if (before != null) {
            return;
        }
        String id = container.requireId();
        HostConfig host = container.inspect(id)
                .orElseThrow(() -> new IllegalStateException(target() + "'s container " + TargetContainer.shortId(id) + " is gone; nothing to squeeze"))
                .getHostConfig();
        if (host.getNanoCPUs() != null && host.getNanoCPUs() > 0) {
            // Docker refuses a period or quota update over --cpus ("Conflicting options").
            throw new IllegalStateException(target() + "'s container " + TargetContainer.shortId(id) + " is limited with --cpus ("
                    + host.getNanoCPUs() / 1e9 + "); Docker cannot update a CPU quota over it, drop cpus: from its service");
        }
        Before was = new Before(id, orZero(host.getCpuPeriod()), orZero(host.getCpuQuota()));
        container.run(id, "docker update --cpu-quota " + limit.quotaMicros(), () -> container.docker().updateContainerCmd(id)
                .withCpuPeriod((int) limit.periodMicros())
                .withCpuQuota((int) limit.quotaMicros())
                .exec());
        before = was;
    }

    @Override
    public synchronized void revert() throws InterruptedException {
        if (before == null) {
            return;
        }
        // The container squeezed, not whichever has the name now: a re-created one never had the quota.
        String id = before.containerId();
        if (container.inspect(id).isPresent()) {
            int period = before.periodMicros() > 0 ? (int) before.periodMicros() : KERNEL_PERIOD_MICROS;
            int quota = before.unlimited() ? UNLIMITED : (int) before.quotaMicros();
            container.run(id, "docker update --cpu-quota " + quota, () -> container.docker().updateContainerCmd(id)
                    .withCpuPeriod(period)
                    .withCpuQuota(quota)
                    .exec());
        }
        // Cleared only after a successful update, so a failed revert can be retried.
        before = null;
    }

    /** True while the container runs under this fault's quota. */
    synchronized boolean injected() {
        return before != null;
    }

    CpuLimit limit() {
        return limit;
    }

    /** {@code docker update --cpu-quota 5000/100000 (5% of a core)}. */
    @Override
    public String detail() {
        return "docker update --cpu-quota " + limit.quotaMicros() + "/" + limit.periodMicros() + " (" + percent() + " of a core)";
    }

    private String percent() {
        double percent = limit.quota() * 100;
        return (percent == Math.rint(percent) ? Long.toString((long) percent) : Double.toString(percent)) + "%";
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
