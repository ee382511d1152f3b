package io.sipdrill.chaos.fault;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Freezes a process and all its descendants: the server keeps its sockets but answers nothing,
 * which is how a wedged registrar looks from the handsets. The process is looked up at inject
 * time, so a topology that restarts its server hands the fault the current one.
 *
 * <pre>{@code
 * Fault outage = FreezeFault.of("registrar-outage", "registrar", () -> Optional.of(kamailio.toHandle()));
 * outage.inject();   // registrar silent
 * outage.revert();   // registrar answers again
 * }</pre>
 */
public final class FreezeFault implements Fault {

    private final String name;
    private final String target;
    private final Supplier<Optional<ProcessHandle>> process;
    private final ProcessFreezer freezer;
    private FrozenTree frozen;

    public FreezeFault(String name, String target, Supplier<Optional<ProcessHandle>> process, ProcessFreezer freezer) {
        this.name = name;
        this.target = target;
        this.process = process;
        this.freezer = freezer;
    }

    /** A freeze fault using the best freezer this host offers ({@link ProcessFreezer#detect()}). */
    public static FreezeFault of(String name, String target, Supplier<Optional<ProcessHandle>> process) {
        return new FreezeFault(name, target, process, ProcessFreezer.detect());
    }

    /**
     * Thaws and removes freezer groups left by a sipdrill run that was killed while a freeze was
     * applied. Called by the CLI at start; returns the groups it cleaned (empty without a freezer).
     */
    public static List<String> thawLeftovers() throws IOException, InterruptedException {
        CgroupV1Freezer freezer = new CgroupV1Freezer(CgroupV1Freezer.DEFAULT_HIERARCHY, CgroupV1Freezer.DEFAULT_PARENT);
        return freezer.usable() ? freezer.thawLeftovers() : List.of();
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
        if (frozen != null) {
            return;
        }
        ProcessHandle handle = process.get().filter(ProcessHandle::isAlive)
                .orElseThrow(() -> new IllegalStateException(target + " is not running; nothing to freeze"));
        frozen = freezer.freeze(name, handle);
    }

    @Override
    public synchronized void revert() throws IOException, InterruptedException {
        if (frozen == null) {
            return;
        }
        frozen.thaw();
        // Cleared only after a successful thaw, so a failed revert can be retried.
        frozen = null;
    }

    /** True while the target is frozen by this fault. */
    public synchronized boolean injected() {
        return frozen != null;
    }

    /** The pids frozen right now (empty when not injected). */
    public synchronized List<Long> frozenPids() {
        return frozen == null ? List.of() : frozen.pids();
    }

    @Override
    public String detail() {
        return freezer.description();
    }
}
