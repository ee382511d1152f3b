package io.sipdrill.chaos.fault;

import java.io.IOException;

/**
 * Stops a process tree from being scheduled without killing it, so sockets stay bound and
 * in-flight state survives: to its peers the process looks hung, exactly like an overloaded or
 * wedged server. {@link #detect()} picks the cgroup v1 freezer when the host offers a writable
 * one (atomic for the whole tree, invisible to the process) and falls back to SIGSTOP/SIGCONT.
 *
 * <pre>{@code
 * ProcessFreezer freezer = ProcessFreezer.detect();
 * FrozenTree frozen = freezer.freeze("registrar-outage", kamailio.toHandle());
 * // ... the registrar is silent ...
 * frozen.thaw();
 * }</pre>
 */
public interface ProcessFreezer {

    /** How this freezer works, for the journal: {@code cgroup v1 freezer} or {@code SIGSTOP}. */
    String description();

    /**
     * Freezes {@code root} and all its descendants and returns once every one of them is stopped.
     *
     * @param name a label for the frozen group (used in the cgroup's directory name)
     */
    FrozenTree freeze(String name, ProcessHandle root) throws IOException, InterruptedException;

    /** The cgroup v1 freezer at its default mount if it is writable, else signals. */
    static ProcessFreezer detect() {
        return CgroupV1Freezer.detect().<ProcessFreezer>map(freezer -> freezer).orElseGet(SignalFreezer::new);
    }
}
