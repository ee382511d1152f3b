package io.sipdrill.chaos.fault;

import java.util.Set;

/**
 * The hosts of a topology a drill can act on, by the names drill files use ({@code registrar},
 * {@code backup}, {@code pbx-1}, {@code pbx-2}, {@code backup-pbx-1}, …). A topology implements
 * it; the drill runner turns a step such as {@code cpu-squeeze target: pbx-1 quota: 5%} into the
 * {@link Fault} it gets here, injects it at the step's time and reverts it in the rollbacks.
 *
 * <p>Every method may be called before the topology starts (faults look their process up when
 * injected), so a drill file is checked against {@link #names()} before anything runs. A kind of
 * fault a topology cannot apply to a target throws {@link UnsupportedOperationException} with a
 * one-line reason, which the drill's validation reports as bad input.
 */
public interface FaultTargets {

    /** The target names this topology has, in a stable order. */
    Set<String> names();

    /** Caps {@code target}'s CPU at {@code quota} of one core (0 < quota ≤ 1) until reverted. */
    Fault cpuSqueeze(String target, double quota);

    /**
     * Runs {@code workers} CPU burners at {@code load} of a core each (0 < load ≤ 1) inside
     * {@code target} until reverted: the burners compete with the server for its CPU (and its
     * quota, when squeezed). By default unsupported: it needs a target sipdrill can run a process
     * in (the docker topology execs stress-ng in the container).
     */
    default Fault cpuBurn(String target, int workers, double load) {
        throw new UnsupportedOperationException("cpu-burn runs stress-ng inside the target's container: use --env docker");
    }

    /** Stops {@code target} answering (frozen: it keeps its socket and stays silent) until reverted. */
    Fault freeze(String target);

    /** Kills {@code target} (SIGKILL or equivalent); reverting starts it again, health-checked. */
    Fault kill(String target);

    /**
     * An operator's restart of {@code target} (the incident's "restarted the processes to clear the
     * backlog"): stop, start, health-check; its in-memory state (bindings) is lost, as in reality.
     * Not a fault: nothing to revert.
     */
    void restart(String target) throws Exception;

    /**
     * Malformed SIP messages each host received and dropped, by host name, for the hosts that count
     * them (sipdrill's in-JVM servers); empty for hosts sipdrill cannot look into (Kamailio, containers).
     */
    default java.util.Map<String, Long> malformedMessages() {
        return java.util.Map.of();
    }

    /**
     * From now on tells {@code watch} when a target dies behind sipdrill's back and when it is back;
     * {@link TargetWatch#NONE} stops watching. By default nothing is watched (a topology whose
     * servers sipdrill does not run cannot see them die).
     */
    default void watch(TargetWatch watch) {
    }
}
