package io.sipdrill.chaos.drill.gatling;

import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.sipdrill.chaos.drill.DrillPlan;
import io.sipdrill.chaos.drill.DrillTarget;
import io.sipdrill.load.gatling.GatlingLaunch;
import io.sipdrill.load.gatling.SipProtocolBuilder;
import io.sipdrill.load.handset.FleetConfig;
import io.sipdrill.load.handset.HandsetProfile;
import io.sipdrill.load.handset.PopulationMix;
import io.sipdrill.load.sip.auth.Credentials;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Supplier;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.sipdrill.load.gatling.SipDsl.sip;
import static io.sipdrill.load.gatling.SipDsl.status;

/**
 * The drill's population as a Gatling scenario: each virtual user is one handset. It registers
 * (its background refresh, failover and failback then run inside the SIP protocol and land in
 * Gatling's statistics), and stays until the drill ends. Users arrive evenly over the plan's ramp.
 */
public final class DrillSimulation extends Simulation {

    private final DrillSimulationSpec spec = GatlingLaunch.spec(DrillSimulation.class, DrillSimulationSpec.class);

    public DrillSimulation() {
        DrillPlan plan = spec.plan();
        DrillTarget target = spec.target();
        HandsetProfile profile = plan.handsetProfile();
        SipProtocolBuilder protocol = sip
                .registrar(hostPort(target.handsetPrimary()))
                .backup(hostPort(target.handsetBackup()))
                .domain(target.domain())
                // The CLI has already checked these against loopback and the user's --allow-target.
                .allowTarget(target.primary().getAddress().getHostAddress() + "/" + prefix(target.primary()))
                .allowTarget(target.backup().getAddress().getHostAddress() + "/" + prefix(target.backup()))
                .allowTarget(target.handsetPrimary().getAddress().getHostAddress() + "/" + prefix(target.handsetPrimary()))
                .allowTarget(target.handsetBackup().getAddress().getHostAddress() + "/" + prefix(target.handsetBackup()))
                .localAddress(spec.handsetAddress())
                .sockets(spec.handsetSockets())
                .timeScale(plan.timeScale())
                .expires(profile.expires())
                .refreshBetween(profile.refreshMin(), profile.refreshMax())
                .failoverAfter(profile.failoverAfter())
                .retryDelay(profile.retryDelay())
                .journal(spec.journal())
                .drillClock(spec.clock())
                .observe(spec.live());
        if (target.handsetsOverTls()) {
            // handsetPrimary/handsetBackup are then the TLS listeners (the POPs' or the fault proxy's).
            protocol = protocol.transport("tls").trust(target.handsetTrust());
        }
        long drillNanos = plan.scaled(plan.duration()).toNanos();
        ScenarioBuilder handsets = scenario(plan.name())
                .feed(population(plan, spec.firstHandset()))
                .exec(sip("REGISTER").register()
                        .handset("#{handset}")
                        .failback("#{failback}", "#{failbackTimeoutMs}")
                        .check(status().is(200)))
                // Stay until the drill ends: the handset lives as long as its virtual user.
                .pause(session -> Duration.ofNanos(Math.max(0,
                        spec.clock().startNanos() + drillNanos - System.nanoTime())));
        Duration ramp = plan.scaled(plan.ramp());
        // Gatling injects nobody for a ramp shorter than a second (seen with 3.14.9): arrive at once then.
        OpenInjectionStep arrival = ramp.compareTo(Duration.ofSeconds(1)) < 0
                ? atOnceUsers(plan.handsets()) : rampUsers(plan.handsets()).during(ramp);
        java.util.List<io.gatling.javaapi.core.PopulationBuilder> populations = new java.util.ArrayList<>();
        populations.add(handsets.injectOpen(arrival));
        if (plan.calls() != null) {
            protocol = protocol.calls(plan.calls().times())
                    // Through the fault proxy the POPs would not know the carrier by its address: it calls them directly.
                    .carrier(hostPort(plan.calls().carrier()), hostPort(target.primary()), hostPort(target.backup()))
                    .rtp(plan.calls().rtp());
            populations.addAll(CallScenarios.of(plan));
        }
        setUp(populations).protocols(protocol);
    }

    /** Gatling is booted: tell the runner, and inject nobody until its drill clock has started. */
    @Override
    public void before() {
        GatlingLaunch.readyThenWait(DrillSimulation.class);
    }

    /**
     * Users 1000000+i with their passwords and the failback behaviour the mix gives them, for
     * i = first … first + handsets − 1. The mix is applied by that global index, so a shard's
     * handsets get the same behaviours they would in an unsharded run.
     */
    static Iterator<Map<String, Object>> population(DrillPlan plan, int first) {
        Credentials credentials = Credentials.derived();
        Supplier<Iterator<Map<String, Object>>> users = () -> new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < plan.handsets();
            }

            @Override
            public Map<String, Object> next() {
                int i = first + next++;
                String user = FleetConfig.userFor(i);
                PopulationMix.Share share = plan.mix().shareFor(i);
                long timeoutMs = plan.scaled(share.timeout()).toMillis();
                return Map.of("user", user, "password", credentials.password(user), "handset", i,
                        "failback", share.mode().token(), "failbackTimeoutMs", timeoutMs);
            }
        };
        return users.get();
    }

    private static int prefix(InetSocketAddress a) {
        return a.getAddress().getAddress().length * 8;
    }

    private static String hostPort(InetSocketAddress a) {
        return a.getAddress().getHostAddress() + ":" + a.getPort();
    }
}
