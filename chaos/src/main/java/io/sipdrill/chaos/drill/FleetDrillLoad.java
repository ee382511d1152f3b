package io.sipdrill.chaos.drill;

import io.sipdrill.load.handset.FailbackMode;
import io.sipdrill.load.handset.FleetConfig;
import io.sipdrill.load.handset.HandsetFleet;
import io.sipdrill.load.handset.HandsetProfile;
import io.sipdrill.load.handset.PopCounts;
import io.sipdrill.load.journal.Journal;
import io.sipdrill.load.sip.SipEngine;
import io.sipdrill.load.sip.auth.Credentials;
import io.sipdrill.load.sip.transaction.SipCounters;
import io.sipdrill.load.sip.transaction.SipTimers;
import io.sipdrill.load.time.DrillClock;

import java.time.Duration;

/** Handsets driven straight from a {@link HandsetFleet} on one SIP engine. */
public final class FleetDrillLoad implements DrillLoad {

    /** Handsets share this many sockets, on 127.0.3.1, 127.0.3.2, … */
    public static final int SOCKETS = 4;
    public static final String HANDSET_ADDRESS = "127.0.3.1";

    private SipEngine engine;
    private HandsetFleet fleet;

    @Override
    public void start(DrillPlan plan, DrillTarget target, Journal journal, DrillClock clock) {
        engine = SipEngine.start(HANDSET_ADDRESS, SOCKETS, SipTimers.scaled(plan.timeScale()));
        FleetConfig config = new FleetConfig(plan.handsets(), 0, target.domain(), target.primary(), target.backup(),
                Credentials.derived(), handsetProfile(plan), plan.mix(), plan.timeScale());
        fleet = HandsetFleet.create(config, engine, journal, clock);
        fleet.start(plan.scaled(plan.ramp()));
    }

    /** The plan's handset behaviour in drill time; the mix sets each handset's failback mode. */
    public static HandsetProfile handsetProfile(DrillPlan plan) {
        // SIP expiry is whole seconds on the wire, and registrars refuse less than their Min-Expires.
        Duration expires = plan.scaled(plan.expires());
        if (expires.compareTo(Duration.ofSeconds(1)) < 0) {
            expires = Duration.ofSeconds(1);
        }
        return new HandsetProfile(expires, 0.5, 0.9, plan.failoverAfter(), plan.scaled(plan.retryDelay()),
                FailbackMode.REGISTRATION, Duration.ZERO);
    }

    @Override
    public LiveCounts counts() {
        if (fleet == null) {
            return LiveCounts.NONE;
        }
        PopCounts p = fleet.counts();
        SipCounters c = engine.transactions().counters();
        return new LiveCounts(p.primary(), p.backup(), p.nowhere(), c.transactionsStarted(), c.retransmissions(), c.timeouts());
    }

    @Override
    public void stop() {
        if (fleet != null) {
            fleet.stop();
        }
    }

    @Override
    public void close() {
        if (engine != null) {
            engine.close();
        }
    }
}
