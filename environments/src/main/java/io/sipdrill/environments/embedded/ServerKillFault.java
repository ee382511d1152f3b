package io.sipdrill.environments.embedded;

import io.sipdrill.chaos.fault.Fault;
import io.sipdrill.chaos.fault.AppliedFaults;

import java.util.function.BooleanSupplier;

/**
 * The embedded kill: the server is closed at once (its socket released, its state dropped) and
 * reverting starts a fresh one on the same address, which answers before revert returns. A no-op
 * revert once the topology is closed, so an aborted drill's rollbacks start nothing.
 */
final class ServerKillFault implements Fault {

    private final ServerSlot<?> slot;
    private final AppliedFaults applied;
    private final BooleanSupplier topologyClosed;
    private boolean killed;

    ServerKillFault(ServerSlot<?> slot, AppliedFaults applied, BooleanSupplier topologyClosed) {
        this.slot = slot;
        this.applied = applied;
        this.topologyClosed = topologyClosed;
    }

    @Override
    public String name() {
        return "kill";
    }

    @Override
    public String target() {
        return slot.target();
    }

    @Override
    public synchronized void inject() throws Exception {
        if (killed) {
            return;
        }
        if (slot.running().isEmpty()) {
            throw new IllegalStateException(slot.target() + " is not running; nothing to kill");
        }
        // A PBX loop held by a freeze could not close.
        applied.releaseHolds(slot.target());
        slot.stop();
        killed = true;
    }

    @Override
    public synchronized void revert() throws Exception {
        if (!killed) {
            return;
        }
        if (!topologyClosed.getAsBoolean()) {
            slot.start();
        }
        killed = false;
    }

    @Override
    public String detail() {
        return "closed in-JVM server";
    }
}
