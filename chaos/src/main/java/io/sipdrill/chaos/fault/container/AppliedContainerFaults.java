package io.sipdrill.chaos.fault.container;

import io.sipdrill.chaos.fault.Fault;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The container faults handed out, so they can be undone: all of them when the topology closes,
 * and the ones that hold a target's container (a pause, a CPU quota) before it is killed or
 * restarted: a quota is HostConfig, which a restart or a start would carry over to the new
 * process, and a released pause is one the drill's later revert need not unpause and health-check.
 * The same rules as the local topology's {@code AppliedFaults}.
 *
 * <pre>{@code
 * Fault freeze = applied.holding(new ContainerFreezeFault(registrar));
 * applied.releaseHolds("registrar");   // before docker restart
 * applied.revertAll();                 // the topology's close
 * }</pre>
 */
final class AppliedContainerFaults {

    private static final System.Logger LOG = System.getLogger(AppliedContainerFaults.class.getName());

    private final List<Entry> handedOut = new ArrayList<>();

    /** Records a fault that holds its target's container (pause, quota); returns it. */
    synchronized <F extends Fault> F holding(F fault) {
        handedOut.add(new Entry(fault, true));
        return fault;
    }

    /** Records a fault that does not (kill, a burner, which dies with the container); returns it. */
    synchronized <F extends Fault> F other(F fault) {
        handedOut.add(new Entry(fault, false));
        return fault;
    }

    /**
     * Reverts the holding faults on {@code target}, newest first. A drill's later revert of them is
     * a no-op (reverts are idempotent).
     */
    void releaseHolds(String target) throws Exception {
        for (Entry entry : newestFirst()) {
            if (entry.holds && entry.fault.target().equals(target)) {
                entry.fault.revert();
            }
        }
    }

    /**
     * Reverts every fault, holding ones first (a burner cannot be stopped in a paused container,
     * nor a killed one started and health-checked while still squeezed); never throws.
     */
    void revertAll() {
        List<Entry> all = newestFirst();
        for (boolean holds : new boolean[] {true, false}) {
            for (Entry entry : all) {
                if (entry.holds == holds) {
                    try {
                        entry.fault.revert();
                    } catch (InterruptedException e) {
                        // Kept set, and the rest still reverted: this is the topology's last chance to.
                        Thread.currentThread().interrupt();
                    } catch (Exception e) {
                        LOG.log(Level.WARNING, "could not revert " + entry.fault.name() + " on " + entry.fault.target()
                                + ": " + e.getMessage(), e);
                    }
                }
            }
        }
    }

    private synchronized List<Entry> newestFirst() {
        List<Entry> copy = new ArrayList<>(handedOut);
        Collections.reverse(copy);
        return copy;
    }

    private record Entry(Fault fault, boolean holds) {
    }
}
