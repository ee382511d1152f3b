package io.sipdrill.app.bench;

import io.sipdrill.chaos.drill.DrillPlan;
import io.sipdrill.load.gatling.GatlingLaunch;
import io.sipdrill.load.handset.FailbackMode;
import io.sipdrill.load.handset.FleetConfig;
import io.sipdrill.load.handset.HandsetFleet;
import io.sipdrill.load.handset.HandsetProfile;
import io.sipdrill.load.handset.PopulationMix;
import io.sipdrill.load.sip.SipEngine;
import io.sipdrill.load.sip.auth.Credentials;
import io.sipdrill.load.sip.transaction.SipTimers;
import io.sipdrill.load.time.DrillClock;
import io.sipdrill.load.time.Ticker;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * sipdrill's side of {@code bench register}: {@code count} handsets, each registering once
 * (REGISTER → 401 → REGISTER+digest → 200) with starts spread evenly at {@code rate} per second,
 * either straight on the SIP engine (the default: what the SIP layer costs, compared with SIPp) or
 * through Gatling and the same SIP protocol the drills use ({@link BenchRegisterSimulation}).
 */
final class SipdrillRegisterLoad {

    private SipdrillRegisterLoad() {
    }

    /** Through Gatling and the SIP protocol, as drills run: the engine plus Gatling's per-user cost. */
    static BenchResult throughGatling(InetSocketAddress registrar, int count, double rate, Path resultsDir) throws Exception {
        long durationMs = (long) (count * 1000 / rate);
        BenchJournal journal = new BenchJournal();
        DrillClock clock = DrillClock.unstarted(Ticker.system());
        System.setProperty("gatling.data.console.light", "true");
        GatlingLaunch launch = GatlingLaunch.start(BenchRegisterSimulation.class,
                new BenchRegisterSimulation.Spec(registrar, count, rate, journal, clock), resultsDir);
        launch.awaitReady(Duration.ofMinutes(2));
        // The run (and its halves) starts with the first REGISTER, not with Gatling's boot.
        clock.startNow();
        journal.secondHalfFrom(durationMs / 2);
        launch.go();
        return InProcessMeter.measure(journal, count, rate, durationMs, 0, () -> launch.awaitExit(Duration.ofMinutes(5)));
    }

    /** Straight on the SIP engine (a {@link HandsetFleet}): what the SIP layer itself costs. */
    static BenchResult onEngine(InetSocketAddress registrar, int count, double rate) throws Exception {
        long durationMs = (long) (count * 1000 / rate);
        BenchJournal journal = new BenchJournal();
        // One try each, no refresh within the run: the bench measures registrations, not behaviour.
        HandsetProfile profile = new HandsetProfile(Duration.ofHours(1), 0.9, 0.9, Integer.MAX_VALUE,
                Duration.ofHours(1), FailbackMode.NEVER, Duration.ZERO);
        try (SipEngine engine = SipEngine.start(DrillPlan.HANDSET_ADDRESS, DrillPlan.HANDSET_SOCKETS, SipTimers.RFC3261)) {
            DrillClock clock = DrillClock.startingNow(engine.loop());
            FleetConfig config = new FleetConfig(count, 0, "sipdrill.test", registrar, registrar, Credentials.derived(),
                    profile, new PopulationMix(List.of(new PopulationMix.Share(1.0, FailbackMode.NEVER, Duration.ZERO))), 1.0);
            HandsetFleet fleet = HandsetFleet.create(config, engine, journal, clock);
            // Creating the handsets takes a moment; the run (and its halves) starts with the first REGISTER.
            long startMs = clock.millis();
            journal.secondHalfFrom(startMs + durationMs / 2);
            fleet.start(Duration.ofMillis(durationMs));
            return InProcessMeter.measure(journal, count, rate, durationMs, startMs, fleet::stop);
        }
    }
}
