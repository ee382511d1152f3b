package io.sipdrill.chaos.fault;


import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;

/**
 * The faults a topology has handed out, so it can undo them: all of them when it closes, and the
 * ones that hold a target's process (a freeze, a CPU squeeze) before that process is stopped,
 * killed or restarted. A frozen process cannot act on SIGTERM or even SIGKILL until thawed, and a
 * fault's group must not outlive the processes it held. For containers the same rules hold: a
 * CPU quota is the container's HostConfig, which a restart would carry over, and a burner cannot
 * be stopped in a paused container. Every topology with hosts (local, docker, embedded) keeps one.
 *
 * <pre>{@code
 * Fault freeze = applied.holding(FreezeFault.of("freeze", "registrar", lookup));
 * applied.releaseHolds("registrar");   // before a restart or kill
 * applied.revertAll();                 // the topology's close
 * }</pre>
 */
public final class AppliedFaults {

    private static final System.Logger LOG = System.getLogger(AppliedFaults.class.getName());

    private final List<Entry> handedOut = new ArrayList<>();

    /** Records a fault that holds its target's process (freeze, squeeze); returns it. */
    public synchronized <F extends Fault> F holding(F fault) {
        handedOut.add(new Entry(fault, true));
        return fault;
    }

    /** Records a fault that does not hold the process (kill, a capacity change); returns it. */
    public synchronized <F extends Fault> F other(F fault) {
        handedOut.add(new Entry(fault, false));
        return fault;
    }

    /**
     * Reverts the holding faults on {@code target}, newest first. A drill's later revert of them is
     * a no-op (reverts are idempotent): restarting a server ends what held the old process.
     */
    public void releaseHolds(String target) throws Exception {
        for (Entry entry : newestFirst()) {
            if (entry.holds && entry.fault.target().equals(target)) {
                entry.fault.revert();
            }
        }
    }

    /** Reverts every fault, holding ones first (so nothing frozen is left to stop); never throws. */
    public void revertAll() {
        List<Entry> all = newestFirst();
        for (boolean holds : new boolean[] {true, false}) {
            for (Entry entry : all) {
                if (entry.holds == holds) {
                    try {
                        entry.fault.revert();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (Exception e) {
                        LOG.log(Level.WARNING, "could not revert " + entry.fault.name() + " on " + entry.fault.target(), e);
                    }
                }
            }
        }
    }

    private synchronized List<Entry> newestFirst() {
        List<Entry> copy = new ArrayList<>(handedOut);
        java.util.Collections.reverse(copy);
        return copy;
    }

    private record Entry(Fault fault, boolean holds) {
    }
}
