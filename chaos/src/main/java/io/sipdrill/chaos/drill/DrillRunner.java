package io.sipdrill.chaos.drill;

import io.sipdrill.chaos.fault.Fault;
import io.sipdrill.load.journal.Journal;
import io.sipdrill.load.journal.JournalEvent;
import io.sipdrill.load.time.DrillClock;
import io.sipdrill.load.time.Ticker;

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

    private final DrillPlan plan;
    private final DrillTarget target;
    private final Journal journal;
    private final DrillProgress progress;
    private final DrillLoad load;

    public DrillRunner(DrillPlan plan, DrillTarget target, Journal journal, DrillProgress progress, DrillLoad load) {
        this.plan = plan;
        this.target = target;
        this.journal = journal;
        this.progress = progress;
        this.load = load;
    }

    /** How a run ended. */
    public enum Ending { COMPLETED, INTERRUPTED }

    public Ending run() throws Exception {
        DrillClock clock = DrillClock.unstarted(Ticker.system());
        Rollback rollback = new Rollback(clock);
        Thread hook = new Thread(() -> rollback.run("interrupted"), "sipdrill-rollback");
        Runtime.getRuntime().addShutdownHook(hook);
        try (load) {
            // Drill time starts when the load is ready, so a slow start (Gatling boots in seconds)
            // never eats into the baseline before the fault.
            load.prepare(plan, target, journal, clock);
            clock.startNow();
            journal.write(new JournalEvent.DrillStarted(0, plan.name(), target.env(), plan.handsets(), plan.timeScale(),
                    hostPort(target.primary()), hostPort(target.backup()), plan.slo()));
            load.begin();
            Fault fault = target.outage().orElse(null);
            long faultStart = plan.faultAt() == null || fault == null ? -1 : plan.scaled(plan.faultAt()).toNanos();
            long faultEnd = faultStart < 0 ? -1 : faultStart + plan.scaled(plan.faultFor()).toNanos();
            long end = plan.scaled(plan.duration()).toNanos();
            long second = TimeUnit.SECONDS.toNanos(1);
            long nextSample = second;
            String active = null;
            boolean injected = false;
            boolean reverted = false;
            // A mutable copy in every case: it is sorted next (List.of() would refuse even an empty sort).
            java.util.List<CallPlan.DdiSwitch> ddiSteps = new java.util.ArrayList<>(
                    plan.calls() == null ? java.util.List.of() : plan.calls().ddiSwitches());
            ddiSteps.sort(java.util.Comparator.comparing(CallPlan.DdiSwitch::at));
            int nextDdi = 0;
            while (true) {
                long now = System.nanoTime() - clock.startNanos();
                while (nextDdi < ddiSteps.size() && now >= plan.scaled(ddiSteps.get(nextDdi).at()).toNanos()) {
                    CallPlan.DdiSwitch step = ddiSteps.get(nextDdi++);
                    // The operators' move (the incident's 11:45 and 12:05); journaled by the routing itself.
                    load.ddi().ifPresent(routing -> routing.switchTo(step.to(), "drill step"));
                }
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
                if (now >= nextSample) {
                    // one timeline sample per drill second, on this thread: the handsets' threads stay lean
                    writeSample(load.counts(), clock);
                    report(load.counts(), clock, end, active);
                    nextSample += second;
                }
                if (now >= end) {
                    break;
                }
                long nextStep = Math.min(end, nextSample);
                if (nextDdi < ddiSteps.size()) {
                    nextStep = Math.min(nextStep, plan.scaled(ddiSteps.get(nextDdi).at()).toNanos());
                }
                if (!injected && faultStart >= 0) {
                    nextStep = Math.min(nextStep, faultStart);
                } else if (injected && !reverted) {
                    nextStep = Math.min(nextStep, faultEnd);
                }
                TimeUnit.NANOSECONDS.sleep(Math.max(1_000_000, nextStep - now));
            }
            load.stop();
            writeSample(load.counts(), clock);
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

    private void writeSample(DrillLoad.LiveCounts counts, DrillClock clock) {
        journal.write(new JournalEvent.TimelineSample(clock.millis(), counts.primary(), counts.backup(), counts.nowhere()));
    }

    private void report(DrillLoad.LiveCounts c, DrillClock clock, long endNanos, String activeFault) {
        progress.update(new DrillProgress.Snapshot(clock.millis() / 1000.0, endNanos / 1e9, plan.timeScale(),
                c.primary(), c.backup(), c.nowhere(), c.transactions(), c.retransmissions(), c.timeouts(), activeFault));
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
}
