package io.sipdrill.app.bench;

import io.gatling.javaapi.core.Simulation;
import io.sipdrill.chaos.drill.DrillPlan;
import io.sipdrill.load.gatling.GatlingLaunch;
import io.sipdrill.load.handset.FailbackMode;
import io.sipdrill.load.handset.FleetConfig;
import io.sipdrill.load.journal.Journal;
import io.sipdrill.load.time.DrillClock;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;

import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.sipdrill.load.gatling.SipDsl.sip;

/**
 * The bench's sipdrill side as a Gatling simulation: {@code count} users arrive evenly at
 * {@code rate} per second, each registers once (REGISTER → 401 → REGISTER+digest → 200) and
 * leaves; RFC 3261 timers, no refresh within the run.
 */
public final class BenchRegisterSimulation extends Simulation {

    /** What the bench hands over. */
    record Spec(InetSocketAddress registrar, int count, double rate, Journal journal, DrillClock clock) {
    }

    public BenchRegisterSimulation() {
        Spec spec = GatlingLaunch.spec(BenchRegisterSimulation.class, Spec.class);
        String registrar = spec.registrar().getAddress().getHostAddress() + ":" + spec.registrar().getPort();
        Iterator<Map<String, Object>> users = new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < spec.count();
            }

            @Override
            public Map<String, Object> next() {
                String user = FleetConfig.userFor(next++);
                return Map.of("user", user, "password", "pw-" + user);
            }
        };
        setUp(scenario("bench register").feed(users).exec(sip("REGISTER").register())
                .injectOpen(rampUsers(spec.count()).during(Duration.ofMillis((long) (spec.count() * 1000 / spec.rate())))))
                .protocols(sip.registrar(registrar).domain("sipdrill.test")
                        .localAddress(DrillPlan.HANDSET_ADDRESS).sockets(DrillPlan.HANDSET_SOCKETS)
                        .expires(Duration.ofHours(1)).failoverAfter(Integer.MAX_VALUE).retryDelay(Duration.ofHours(1))
                        .failback(FailbackMode.NEVER, Duration.ZERO)
                        .journal(spec.journal()).drillClock(spec.clock()));
    }

    @Override
    public void before() {
        GatlingLaunch.readyThenWait(BenchRegisterSimulation.class);
    }
}
