package io.sipdrill.environments;

import io.sipdrill.chaos.fault.Fault;
import io.sipdrill.chaos.fault.FaultTargets;

import java.util.Set;

/** The fault targets of a topology that has none: every request says why, in one line. */
public final class NoFaultTargets implements FaultTargets {

    private final String reason;

    /** @param reason e.g. {@code the external topology has no hosts sipdrill can act on} */
    public NoFaultTargets(String reason) {
        this.reason = reason;
    }

    @Override
    public Set<String> names() {
        return Set.of();
    }

    @Override
    public Fault cpuSqueeze(String target, double quota) {
        throw new UnsupportedOperationException("cpu-squeeze " + target + ": " + reason);
    }

    @Override
    public Fault freeze(String target) {
        throw new UnsupportedOperationException("freeze " + target + ": " + reason);
    }

    @Override
    public Fault kill(String target) {
        throw new UnsupportedOperationException("kill " + target + ": " + reason);
    }

    @Override
    public void restart(String target) {
        throw new UnsupportedOperationException("restart " + target + ": " + reason);
    }
}
