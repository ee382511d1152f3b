package io.sipdrill.chaos.drill.gatling;

import io.gatling.javaapi.core.PopulationBuilder;
import io.sipdrill.chaos.drill.CallPlan;
import io.sipdrill.chaos.drill.DrillPlan;
import io.sipdrill.load.calls.DdiNumbers;
import io.sipdrill.load.handset.FleetConfig;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.sipdrill.load.gatling.SipDsl.sip;

/**
 * A drill's call traffic as two Gatling populations beside the handsets: the carrier's inbound DDI
 * calls to random handsets, and outbound calls from random handsets to external numbers, each an
 * open injection at the plan's rate. Each virtual user is one call attempt; the step's response
 * time is the setup time.
 */
final class CallScenarios {

    private CallScenarios() {
    }

    static List<PopulationBuilder> of(DrillPlan plan) {
        CallPlan calls = plan.calls();
        List<PopulationBuilder> populations = new ArrayList<>(2);
        Duration from = plan.scaled(calls.from());
        Duration during = plan.scaled(calls.until()).minus(from);
        if (during.compareTo(Duration.ofSeconds(1)) < 0) {
            return populations; // Gatling cannot inject over less than a second
        }
        if (calls.inboundPerSecond() > 0) {
            populations.add(scenario("inbound DDI calls")
                    .feed(randomHandsets(plan.handsets()))
                    .exec(sip("DDI call").callDdi("#{ddi}"))
                    .injectOpen(nothingFor(from), constantUsersPerSec(calls.inboundPerSecond()).during(during)));
        }
        if (calls.outboundPerSecond() > 0) {
            populations.add(scenario("outbound calls")
                    .feed(randomHandsets(plan.handsets()))
                    .exec(sip("outbound call").dial("#{external}").from("#{user}"))
                    .injectOpen(nothingFor(from), constantUsersPerSec(calls.outboundPerSecond()).during(during)));
        }
        return populations;
    }

    /** An endless feeder: a random handset's user and DDI, and a fresh external number. */
    private static Iterator<Map<String, Object>> randomHandsets(int handsets) {
        AtomicLong external = new AtomicLong();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Map<String, Object> next() {
                String user = FleetConfig.userFor(ThreadLocalRandom.current().nextInt(handsets));
                return Map.of("user", user, "ddi", DdiNumbers.ddiOf(user),
                        "external", DdiNumbers.external(external.getAndIncrement()));
            }
        };
    }
}
