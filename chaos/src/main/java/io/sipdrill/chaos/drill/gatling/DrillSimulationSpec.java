package io.sipdrill.chaos.drill.gatling;

import io.sipdrill.chaos.drill.DrillPlan;
import io.sipdrill.chaos.drill.DrillTarget;
import io.sipdrill.load.gatling.protocol.SipLiveView;
import io.sipdrill.load.journal.Journal;
import io.sipdrill.load.time.DrillClock;

import java.util.function.Consumer;

/**
 * What the built-in {@link DrillSimulation} needs, handed over by {@link io.sipdrill.load.gatling.GatlingLaunch}.
 * {@code plan.handsets()} handsets are simulated, numbered from {@code firstHandset} (0 unless sharded).
 */
record DrillSimulationSpec(DrillPlan plan, int firstHandset, String handsetAddress, int handsetSockets, DrillTarget target, Journal journal, DrillClock clock,
                           Consumer<SipLiveView> live) {
}
