package io.sipdrill.chaos.drill.gatling;

import io.sipdrill.chaos.drill.DrillPlan;
import io.sipdrill.chaos.drill.DrillTarget;
import io.sipdrill.load.gatling.protocol.SipLiveView;
import io.sipdrill.load.journal.Journal;
import io.sipdrill.load.time.DrillClock;

import java.util.function.Consumer;

/** What the built-in {@link DrillSimulation} needs, handed over by {@link io.sipdrill.load.gatling.GatlingLaunch}. */
record DrillSimulationSpec(DrillPlan plan, DrillTarget target, Journal journal, DrillClock clock,
                           Consumer<SipLiveView> live) {
}
