package io.sipdrill.chaos.drill;

import io.sipdrill.chaos.fault.Fault;
import io.sipdrill.load.handset.FleetConfig;
import io.sipdrill.load.handset.HandsetFleet;
import io.sipdrill.load.handset.HandsetProfile;
import io.sipdrill.load.handset.PopCounts;
import io.sipdrill.load.journal.Journal;
import io.sipdrill.load.journal.JournalEvent;
import io.sipdrill.load.sip.SipEngine;
import io.sipdrill.load.sip.auth.Credentials;
import io.sipdrill.load.sip.transaction.SipCounters;
import io.sipdrill.load.sip.transaction.SipTimers;
import io.sipdrill.load.time.DrillClock;
import io.sipdrill.load.time.Scheduler;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Plays a {@link DrillPlan} against a {@link DrillTarget}, Chaos Toolkit style: steady state
 * (handsets registered on the primary), method (the outage at t0, reverted at tR), rollbacks
 * (the fault is reverted whatever happens: normal end, exception, Ctrl-C or SIGTERM).
 * Everything observable goes to the journal as it happens.
 *
 * <p>Real time runs here: the drill sleeps between steps. Unit tests cover the timing logic of
 * handsets on virtual time; this class is exercised by integration tests.
 */
public final class DrillRunner {

    /** Handsets share this many sockets, on 127.0.3.1, 127.0.3.2, … */
    public static final int SOCKETS = 4;
    public static final String HANDSET_ADDRESS = "127.0.3.1";

    private final DrillPlan plan;
    private final DrillTarget target;
    private final Journal journal;
    private final DrillProgress progress;

    public DrillRunner(DrillPlan plan, DrillTarget target, Journal journal, DrillProgress progress) {
        this.plan = plan;
        this.target = target;
        this.journal = journal;
        this.progress = progress;
    }

    /** How a run ended. */
    public enum Ending { COMPLETED, INTERRUPTED }

    public Ending run() throws Exception {
        SipTimers timers = SipTimers.scaled(plan.timeScale());
        try (SipEngine engine = SipEngine.start(HANDSET_ADDRESS, SOCKETS, timers)) {
            DrillClock clock = DrillClock.startingNow(engine.loop());
            journal.write(new JournalEvent.DrillStarted(0, plan.name(), target.env(), plan.handsets(), plan.timeScale(),
                    hostPort(target.primary()), hostPort(target.backup()), plan.slo()));
            HandsetFleet fleet = HandsetFleet.create(fleetConfig(), engine, journal, clock);
            Rollback rollback = new Rollback(clock);
            Thread hook = new Thread(() -> rollback.run("interrupted"), "sipdrill-rollback");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                fleet.start(plan.scaled(plan.ramp()));
                Scheduler.Timeout sampler = sampleEverySecond(engine, fleet.counts(), clock);
                Fault fault = target.outage().orElse(null);
                long faultStart = plan.faultAt() == null || fault == null ? -1 : plan.scaled(plan.faultAt()).toNanos();
                long faultEnd = faultStart < 0 ? -1 : faultStart + plan.scaled(plan.faultFor()).toNanos();
                long end = plan.scaled(plan.duration()).toNanos();
                String active = null;
                boolean injected = false;
                boolean reverted = false;
                while (true) {
                    long now = engine.loop().nanoTime() - clock.startNanos();
                    if (!injected && faultStart >= 0 && now >= faultStart) {
                        rollback.arm(fault);
                        fault.inject();
                        journal.write(new JournalEvent.FaultStep(clock.millis(), "start", fault.name(), fault.target(), fault.detail()));
                        injected = true;
                        active = fault.name();
                    }
                    if (injected && !reverted && now >= faultEnd) {
                        fault.revert();
                        journal.write(new JournalEvent.FaultStep(clock.millis(), "end", fault.name(), fault.target(), fault.detail()));
                        reverted = true;
                        active = null;
                        rollback.disarm();
                    }
                    report(engine, fleet.counts(), clock, end, active);
                    if (now >= end) {
                        break;
                    }
                    long nextStep = end;
                    if (!injected && faultStart >= 0) {
                        nextStep = Math.min(nextStep, faultStart);
                    } else if (injected && !reverted) {
                        nextStep = Math.min(nextStep, faultEnd);
                    }
                    long sleep = Math.min(TimeUnit.SECONDS.toNanos(1), Math.max(1_000_000, nextStep - now));
                    TimeUnit.NANOSECONDS.sleep(sleep);
                }
                sampler.cancel();
                fleet.stop();
                writeSample(fleet.counts(), clock);
                rollback.run("completed");
                return Ending.COMPLETED;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                rollback.run("interrupted");
                return Ending.INTERRUPTED;
            } catch (Exception | Error e) {
                rollback.run("aborted: " + e.getMessage());
                throw e;
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running already
                }
            }
        }
    }

    private FleetConfig fleetConfig() {
        // SIP expiry is whole seconds on the wire, and registrars refuse less than their Min-Expires.
        Duration expires = plan.scaled(plan.expires());
        if (expires.compareTo(Duration.ofSeconds(1)) < 0) {
            expires = Duration.ofSeconds(1);
        }
        HandsetProfile profile = new HandsetProfile(expires, 0.5, 0.9, plan.failoverAfter(), plan.scaled(plan.retryDelay()),
                io.sipdrill.load.handset.FailbackMode.REGISTRATION, Duration.ZERO);
        return new FleetConfig(plan.handsets(), 0, target.domain(), target.primary(), target.backup(),
                Credentials.derived(), profile, plan.mix(), plan.timeScale());
    }

    private Scheduler.Timeout sampleEverySecond(SipEngine engine, PopCounts counts, DrillClock clock) {
        // Re-arms itself on the loop; the handle cancels the next one.
        SelfRearming task = new SelfRearming(engine.loop(), () -> writeSample(counts, clock), TimeUnit.SECONDS.toNanos(1));
        task.arm();
        return task;
    }

    private void writeSample(PopCounts counts, DrillClock clock) {
        journal.write(new JournalEvent.TimelineSample(clock.millis(), counts.primary(), counts.backup(), counts.nowhere()));
    }

    private void report(SipEngine engine, PopCounts counts, DrillClock clock, long endNanos, String activeFault) {
        SipCounters c = engine.transactions().counters();
        progress.update(new DrillProgress.Snapshot(clock.millis() / 1000.0, endNanos / 1e9, plan.timeScale(),
                counts.primary(), counts.backup(), counts.nowhere(), c.transactionsStarted(), c.retransmissions(),
                c.timeouts(), activeFault));
    }

    private static String hostPort(java.net.InetSocketAddress a) {
        return a.getAddress().getHostAddress() + ":" + a.getPort();
    }

    /** The rollback: revert the armed fault once, note the ending, flush the journal. */
    private final class Rollback {
        private final DrillClock clock;
        private final AtomicBoolean done = new AtomicBoolean();
        private volatile Fault armed;

        Rollback(DrillClock clock) {
            this.clock = clock;
        }

        void arm(Fault fault) {
            armed = fault;
        }

        void disarm() {
            armed = null;
        }

        void run(String reason) {
            if (!done.compareAndSet(false, true)) {
                return;
            }
            Fault f = armed;
            if (f != null) {
                try {
                    f.revert();
                    journal.write(new JournalEvent.FaultStep(clock.millis(), "end", f.name(), f.target(), "rollback"));
                } catch (Exception e) {
                    System.err.println("sipdrill: could not revert " + f.name() + " on " + f.target() + ": " + e.getMessage());
                }
            }
            journal.write(new JournalEvent.DrillEnded(clock.millis(), reason));
            journal.flush();
        }
    }

    /** A periodic task on the event loop's wheel, cancellable as one. */
    private static final class SelfRearming implements Scheduler.Timeout {
        private final Scheduler scheduler;
        private final Runnable body;
        private final long periodNanos;
        private volatile boolean cancelled;

        SelfRearming(Scheduler scheduler, Runnable body, long periodNanos) {
            this.scheduler = scheduler;
            this.body = body;
            this.periodNanos = periodNanos;
        }

        void arm() {
            scheduler.schedule(this::fire, periodNanos, TimeUnit.NANOSECONDS);
        }

        private void fire() {
            if (cancelled) {
                return;
            }
            body.run();
            arm();
        }

        @Override
        public boolean cancel() {
            cancelled = true;
            return true;
        }
    }
}
