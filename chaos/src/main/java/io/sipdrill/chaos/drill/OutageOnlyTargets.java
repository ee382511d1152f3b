package io.sipdrill.chaos.drill;

import io.sipdrill.chaos.fault.Fault;
import io.sipdrill.chaos.fault.FaultTargets;

import java.util.Optional;
import java.util.Set;

/**
 * The fault targets of a topology that offers only its registrar outage: target {@code registrar},
 * which {@code freeze} stops answering through {@code outage}. Every other fault is refused with a
 * one-line reason, so a drill file that needs it fails validation instead of running without it.
 */
public final class OutageOnlyTargets implements FaultTargets {

    private final String topology;
    private final Optional<Fault> outage;

    public OutageOnlyTargets(String topology, Optional<Fault> outage) {
        this.topology = topology;
        this.outage = outage;
    }

    @Override
    public Set<String> names() {
        return outage.isPresent() ? Set.of("registrar") : Set.of();
    }

    @Override
    public Fault freeze(String target) {
        if (outage.isPresent() && target.equals("registrar")) {
            return outage.get();
        }
        throw unsupported("freeze", target);
    }

    @Override
    public Fault cpuSqueeze(String target, double quota) {
        throw unsupported("cpu-squeeze", target);
    }

    @Override
    public Fault kill(String target) {
        throw unsupported("kill", target);
    }

    @Override
    public void restart(String target) {
        throw unsupported("restart", target);
    }

    /** Restart cannot be tried without side effects, so validation asks here: this topology restarts nothing. */
    void refuseRestart(String target) {
        throw unsupported("restart", target);
    }

    private UnsupportedOperationException unsupported(String what, String target) {
        return new UnsupportedOperationException("the " + topology + " topology cannot " + what + " " + target
                + (outage.isPresent() ? " (it can only freeze registrar, its registrar outage)" : " (it offers no faults)"));
    }
}
