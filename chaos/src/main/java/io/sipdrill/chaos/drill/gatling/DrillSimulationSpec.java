package io.sipdrill.chaos.drill.gatling;

import io.sipdrill.chaos.drill.DrillPlan;
import io.sipdrill.chaos.drill.DrillTarget;
import io.sipdrill.load.gatling.protocol.SipLiveView;
import io.sipdrill.load.journal.Journal;
import io.sipdrill.load.time.DrillClock;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * What the built-in {@link DrillSimulation} needs. Gatling instantiates simulations by class name,
 * so the launcher hands the spec over through this one slot, taken exactly once.
 */
record DrillSimulationSpec(DrillPlan plan, DrillTarget target, Journal journal, DrillClock clock,
                           Consumer<SipLiveView> live, CountDownLatch ready, CountDownLatch go) {

    private static final AtomicReference<DrillSimulationSpec> NEXT = new AtomicReference<>();

    static void offer(DrillSimulationSpec spec) {
        if (!NEXT.compareAndSet(null, spec)) {
            throw new IllegalStateException("a drill simulation is already starting in this JVM");
        }
    }

    static DrillSimulationSpec take() {
        DrillSimulationSpec spec = NEXT.getAndSet(null);
        if (spec == null) {
            throw new IllegalStateException("DrillSimulation runs only from sipdrill run (no drill was offered)");
        }
        return spec;
    }
}
