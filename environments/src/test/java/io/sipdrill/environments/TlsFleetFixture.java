package io.sipdrill.environments;

import io.sipdrill.load.handset.FailbackMode;
import io.sipdrill.load.handset.FleetConfig;
import io.sipdrill.load.handset.HandsetFleet;
import io.sipdrill.load.handset.HandsetProfile;
import io.sipdrill.load.handset.PopulationMix;
import io.sipdrill.load.journal.Journal;
import io.sipdrill.load.journal.JournalEvent;
import io.sipdrill.load.sip.SipEngine;
import io.sipdrill.load.sip.auth.Credentials;
import io.sipdrill.load.time.DrillClock;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;

/**
 * Handsets on the project's real fleet path registering to one registrar (primary and backup alike,
 * so failover never hides a TLS failure), their journal kept for assertions. Shared by the TLS tests
 * against the embedded registrar and against Kamailio.
 */
public final class TlsFleetFixture {

    public final ConcurrentLinkedQueue<JournalEvent> events = new ConcurrentLinkedQueue<>();
    public final HandsetFleet fleet;

    public TlsFleetFixture(SipEngine engine, InetSocketAddress registrar, int handsets, int firstIndex) {
        Journal journal = new Journal() {
            @Override public void write(JournalEvent e) { events.add(e); }
            @Override public void flush() { }
            @Override public void close() { }
        };
        HandsetProfile profile = new HandsetProfile(Duration.ofSeconds(60), 0.5, 0.9, 3, Duration.ofMillis(500),
                FailbackMode.NEVER, Duration.ZERO);
        FleetConfig config = new FleetConfig(handsets, firstIndex, "sipdrill.test", registrar, registrar,
                Credentials.derived(), profile,
                new PopulationMix(List.of(new PopulationMix.Share(1, FailbackMode.NEVER, Duration.ZERO))), 1);
        fleet = HandsetFleet.create(config, engine, journal, DrillClock.startingNow(engine.loop()));
    }

    /** REGISTER transactions the journal recorded with {@code outcome} ({@code ok}, {@code challenged}, {@code error}…). */
    public long transactions(String outcome) {
        return events.stream().filter(e -> e instanceof JournalEvent.Transaction t && outcome.equals(t.outcome())).count();
    }

    /** Polls {@code condition} every 20 ms until it holds or {@code timeout} passes; returns its last value. */
    public static boolean await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }
}
