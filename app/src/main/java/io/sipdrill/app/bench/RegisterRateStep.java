package io.sipdrill.app.bench;

import io.sipdrill.chaos.drill.DrillPlan;
import io.sipdrill.load.handset.FailbackMode;
import io.sipdrill.load.handset.FleetConfig;
import io.sipdrill.load.handset.HandsetFleet;
import io.sipdrill.load.handset.HandsetProfile;
import io.sipdrill.load.handset.PopulationMix;
import io.sipdrill.load.sip.SipEngine;
import io.sipdrill.load.sip.auth.Credentials;
import io.sipdrill.load.sip.transaction.SipTimers;
import io.sipdrill.load.time.DrillClock;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * One step of {@code sipdrill capacity register}: the bench's engine-driven registration load
 * ({@link SipdrillRegisterLoad#onEngine}) at one rate for one step's length, measured on its second
 * half by {@link InProcessMeter#measureStep}.
 *
 * <pre>{@code
 * StepMeasurement m = RegisterRateStep.run(registrar, "sipdrill.test", "127.0.3.1", 0, 12_500, 500, 2_000, () -> Double.NaN);
 * }</pre>
 */
public final class RegisterRateStep {

    /**
     * Short enough that Kamailio's location table empties itself between steps (a search registers
     * hundreds of thousands of handsets), long enough that no handset refreshes within a step.
     */
    static final Duration EXPIRES = Duration.ofSeconds(120);

    private RegisterRateStep() {
    }

    /**
     * @param firstIndex the step's first handset (each step its own users, so every REGISTER is a new binding)
     * @param graceMs    how long after the last start operations may still complete
     */
    public static StepMeasurement run(InetSocketAddress registrar, String domain, String handsetAddress, int firstIndex,
                                      int count, double rate, long graceMs, DoubleSupplier targetCpuSeconds)
            throws Exception {
        long durationMs = (long) (count * 1000 / rate);
        BenchJournal journal = new BenchJournal();
        HandsetProfile profile = new HandsetProfile(EXPIRES, 0.9, 0.9, Integer.MAX_VALUE,
                Duration.ofHours(1), FailbackMode.NEVER, Duration.ZERO);
        try (SipEngine engine = SipEngine.start(handsetAddress, DrillPlan.HANDSET_SOCKETS, SipTimers.RFC3261)) {
            DrillClock clock = DrillClock.startingNow(engine.loop());
            FleetConfig config = new FleetConfig(count, firstIndex, domain, registrar, registrar, Credentials.derived(),
                    profile, new PopulationMix(List.of(new PopulationMix.Share(1.0, FailbackMode.NEVER, Duration.ZERO))), 1.0);
            HandsetFleet fleet = HandsetFleet.create(config, engine, journal, clock);
            // Handset i starts at i/count of the step: the second half's starts are count/2 onwards.
            long halfMs = clock.millis() + durationMs / 2;
            journal.secondHalfFrom(halfMs);
            journal.secondHalfFromHandset(firstIndex + count / 2);
            fleet.start(Duration.ofMillis(durationMs));
            return InProcessMeter.measureStep(journal, count, rate, durationMs, halfMs, graceMs, targetCpuSeconds,
                    fleet::stop);
        }
    }
}
