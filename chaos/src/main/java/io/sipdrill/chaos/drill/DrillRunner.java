package io.sipdrill.chaos.drill;

import io.sipdrill.chaos.drill.shard.HandsetRange;
import io.sipdrill.chaos.drill.shard.Shard;
import io.sipdrill.chaos.fault.Fault;
import io.sipdrill.chaos.fault.TargetWatch;
import io.sipdrill.load.journal.Journal;
import io.sipdrill.load.journal.JournalEvent;
import io.sipdrill.load.sip.transport.SipTransport;
import io.sipdrill.load.time.DrillClock;
import io.sipdrill.load.time.Ticker;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Plays a {@link DrillPlan} against a {@link DrillTarget}, Chaos Toolkit style: the steady-state
 * hypothesis is checked when the method starts (a gate: if it does not hold, the drill ends there,
 * before any fault), the method's steps run at their drill times (time-scaled), the hypothesis is
 * checked again at the end (deviated or not), and the rollbacks run by the method's strategy on
 * every ending: normal end, exception, Ctrl-C or SIGTERM. Every fault injected is armed and is
 * reverted on any ending whatever the strategy. Everything observable goes to the journal as it
 * happens: fault start/end ({@code fault}), every step ({@code step}), every probe ({@code probe},
 * {@code steady_state}).
 *
 * <p>Every step's fault is looked up before anything starts, so a step the target cannot apply
 * fails the run ({@link IllegalArgumentException}) before the load or any fault. Time comes from
 * an injected {@link Ticker} and {@link Sleeper}: tests run a whole drill on virtual time.
 *
 * <pre>{@code
 * DrillRunner.Ending ending = new DrillRunner(plan, target, journal, progress, load).run();
 * }</pre>
 */
public final class DrillRunner {

    /** How the runner waits between steps: the real thread sleeps, a test advances its clock. */
    @FunctionalInterface
    public interface Sleeper {
        void sleepNanos(long nanos) throws InterruptedException;
    }

    /** How a run ended. */
    public enum Ending {
        COMPLETED,
        INTERRUPTED,
        /** The steady-state hypothesis did not hold when the method was due: no step ran. */
        STEADY_STATE_FAILED
    }

    /** One probe's reading, as journaled: {@code when} before or after the method; value null when not measured. */
    public record ProbeOutcome(String when, ProbeCheck check, Double value, boolean ok) {
    }

    private final DrillPlan plan;
    private final Shard shard;
    private final HandsetRange handsets;
    private final DrillTarget target;
    private final Journal journal;
    private final DrillProgress progress;
    private final DrillLoad load;
    private final Ticker ticker;
    private final Sleeper sleeper;
    private final List<ProbeOutcome> probes = new CopyOnWriteArrayList<>();
    private volatile boolean deviated;

    public DrillRunner(DrillPlan plan, DrillTarget target, Journal journal, DrillProgress progress, DrillLoad load) {
        this(plan, target, journal, progress, load, Ticker.system(), TimeUnit.NANOSECONDS::sleep);
    }

    public DrillRunner(DrillPlan plan, DrillTarget target, Journal journal, DrillProgress progress, DrillLoad load,
                       Ticker ticker, Sleeper sleeper) {
        this(plan, Shard.WHOLE, target, journal, progress, load, ticker, sleeper);
    }

    /**
     * One shard of {@code plan}'s population: this process simulates {@code shard.of(plan.handsets())}
     * and its journal says so, for {@code sipdrill report} to merge with the other shards'. The
     * plan's method is played as given (the CLI lets a sharded run play none; see {@code RunCommand}).
     */
    public DrillRunner(DrillPlan plan, Shard shard, DrillTarget target, Journal journal, DrillProgress progress,
                       DrillLoad load) {
        this(plan, shard, target, journal, progress, load, Ticker.system(), TimeUnit.NANOSECONDS::sleep);
    }

    public DrillRunner(DrillPlan plan, Shard shard, DrillTarget target, Journal journal, DrillProgress progress,
                       DrillLoad load, Ticker ticker, Sleeper sleeper) {
        this.shard = shard;
        this.handsets = shard.of(plan.handsets());
        // From here on the plan is this process's: its probes' percentages and the load count its handsets only.
        plan = plan.withHandsets(handsets.size());
        this.plan = plan;
        this.target = target;
        this.journal = journal;
        this.progress = progress;
        this.load = load;
        this.ticker = ticker;
        this.sleeper = sleeper;
    }

    /** True when the hypothesis checked after the method did not hold. */
    public boolean deviated() {
        return deviated;
    }

    /** Every probe read so far, gate first. */
    public List<ProbeOutcome> probeResults() {
        return List.copyOf(probes);
    }

    /**
     * Checks that every step can be applied to the target (faults looked up, restart groups
     * resolved, DDI steps have calls) and that a TLS drill has TLS listeners to go to, without
     * touching anything.
     *
     * @throws IllegalArgumentException naming the first step that cannot
     */
    public void check() {
        checkTransport();
        resolved();
    }

    private void checkTransport() {
        if (plan.transport() == SipTransport.TLS && !target.handsetsOverTls()) {
            throw new IllegalArgumentException(plan.name() + " registers over tls, but the " + target.env()
                    + " target gives the handsets no TLS listener and no CA to trust");
        }
    }

    /** The method's faults, built once: {@link #check()} and {@link #run()} share them. */
    private Resolved resolved() {
        if (resolvedMethod == null) {
            resolvedMethod = resolve(plan.method());
        }
        return resolvedMethod;
    }

    private Resolved resolvedMethod;

    public Ending run() throws Exception {
        checkTransport();
        DrillMethod method = plan.method();
        Resolved resolved = resolved();
        DrillClock clock = DrillClock.unstarted(ticker);
        Rollback rollback = new Rollback(clock, method.strategy(), resolved.rollbacks());
        Thread hook = new Thread(() -> rollback.run("interrupted"), "sipdrill-rollback");
        Runtime.getRuntime().addShutdownHook(hook);
        LoadTally tally = new LoadTally(journal);
        try (load) {
            // Drill time starts when the load is ready, so a slow start (Gatling boots in seconds)
            // never eats into the baseline before the fault.
            load.prepare(plan, handsets, target, tally, clock);
            clock.startNow();
            // The wall clock at drill time 0: shards started apart are aligned by it when merged.
            long startedAt = System.currentTimeMillis();
            journal.write(new JournalEvent.DrillStarted(0, plan.name(), target.env(), plan.handsets(), plan.timeScale(),
                    hostPort(target.primary()), hostPort(target.backup()), plan.slo(), startedAt,
                    shard.sharded() ? shard.index() : null, shard.sharded() ? shard.count() : null,
                    shard.sharded() ? handsets.first() : null, shard.sharded() ? handsets.population() : null));
            // A server dying behind our back (not a step of ours) is journaled as a fault window "died".
            target.faults().watch(journaling(clock));
            load.begin();
            List<Timed> steps = resolved.steps();
            boolean gated = !method.hypothesis().isEmpty();
            long start = nanos(method.start());
            long end = nanos(plan.duration());
            long second = TimeUnit.SECONDS.toNanos(1);
            long nextSample = second;
            boolean started = false;
            LoadTally.Counts window = tally.now();
            int next = 0;
            while (true) {
                long now = ticker.nanoTime() - clock.startNanos();
                if (!started && now >= start) {
                    started = true;
                    if (gated && !check("before", method.hypothesis(), tally.now(), clock)) {
                        rollback.run("steady state not met before the method");
                        return Ending.STEADY_STATE_FAILED;
                    }
                    rollback.methodStarted();
                    window = tally.now();
                }
                // Without a hypothesis there is no gate to wait for (the built-ins' DDI switches may precede their fault).
                while ((started || !gated) && next < steps.size() && now >= steps.get(next).at()) {
                    if (!rollback.play(steps.get(next++), "method")) {
                        throw new InterruptedException("rolled back while running"); // the shutdown hook got there first
                    }
                    window = tally.now(); // the hypothesis after the method reads calls since its last step
                }
                if (now >= nextSample) {
                    // one timeline sample per drill second, on this thread: the handsets' threads stay lean
                    writeSample(load.counts(), clock);
                    report(load.counts(), tally.now(), clock, end, rollback.activeFaults());
                    nextSample += second;
                }
                if (now >= end) {
                    break;
                }
                long wake = Math.min(end, nextSample);
                if (!started) {
                    wake = Math.min(wake, start);
                }
                if (next < steps.size()) {
                    wake = Math.max(Math.min(wake, steps.get(next).at()), now);
                }
                sleeper.sleepNanos(Math.max(1_000_000, wake - now));
            }
            if (gated) {
                deviated = !check("after", method.hypothesis(), tally.now().since(window), clock);
                rollback.deviated(deviated);
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
            target.faults().watch(TargetWatch.NONE);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running already
            }
        }
    }

    /**
     * Journals a target's unplanned death as the start of a fault window named {@value #DIED} and its
     * return as the window's end, so the report's t0, detection, failover and dark seconds cover it.
     */
    private TargetWatch journaling(DrillClock clock) {
        return new TargetWatch() {
            @Override
            public void died(String host, String detail) {
                journal.write(new JournalEvent.FaultStep(clock.millis(), "start", DIED, host, detail));
                System.out.println("sipdrill: " + host + " died (" + detail + "); not a step of this drill");
            }

            @Override
            public void back(String host, String detail) {
                journal.write(new JournalEvent.FaultStep(clock.millis(), "end", DIED, host, detail));
            }
        };
    }

    /** The fault name of a window in which a target was dead without a drill step having killed it. */
    public static final String DIED = "died";

    private boolean check(String when, List<ProbeCheck> checks, LoadTally.Counts calls, DrillClock clock) {
        DrillLoad.LiveCounts live = load.counts();
        boolean all = true;
        for (ProbeCheck c : checks) {
            Double value = value(c.probe(), live, calls);
            boolean ok = value != null && c.tolerance().accepts(value);
            probes.add(new ProbeOutcome(when, c, value, ok));
            journal.write(new JournalEvent.ProbeResult(clock.millis(), when, c.probe().keyword(), value,
                    c.tolerance().min(), c.tolerance().max(), ok));
            all &= ok;
        }
        journal.write(new JournalEvent.SteadyState(clock.millis(), when, all));
        journal.flush();
        return all;
    }

    private Double value(Probe probe, DrillLoad.LiveCounts live, LoadTally.Counts calls) {
        double handsets = plan.handsets();
        if (probe instanceof Probe.RegisteredOn on) {
            return 100.0 * (on.pop() == io.sipdrill.load.handset.Pop.PRIMARY ? live.primary() : live.backup()) / handsets;
        }
        if (probe instanceof Probe.RegisteredAnywhere) {
            return 100.0 * (live.primary() + live.backup()) / handsets;
        }
        return probe instanceof Probe.InboundCallSuccess ? calls.inboundPct() : calls.outboundPct();
    }

    private long nanos(java.time.Duration real) {
        return plan.scaled(real).toNanos();
    }

    private void writeSample(DrillLoad.LiveCounts counts, DrillClock clock) {
        journal.write(new JournalEvent.TimelineSample(clock.millis(), counts.primary(), counts.backup(), counts.nowhere()));
    }

    /** The malformed counts of the handsets and the target's hosts, when any receiver counts them. */
    private void writeMalformed(DrillClock clock) {
        java.util.Map<String, Long> receivers = new java.util.LinkedHashMap<>();
        try {
            receivers.putAll(load.malformedMessages());
            receivers.putAll(target.faults().malformedMessages());
        } catch (RuntimeException e) {
            // a receiver already closed: journal what could be read, the end line matters more
            System.err.println("sipdrill: could not read malformed-message counts: " + e.getMessage());
        }
        if (!receivers.isEmpty()) {
            journal.write(new JournalEvent.MalformedInput(clock.millis(), receivers));
        }
    }

    private void report(DrillLoad.LiveCounts c, LoadTally.Counts tally, DrillClock clock, long endNanos, String activeFault) {
        progress.update(new DrillProgress.Snapshot(clock.millis() / 1000.0, endNanos / 1e9, plan.timeScale(),
                c.primary(), c.backup(), c.nowhere(), c.transactions(), c.retransmissions(), c.timeouts(),
                tally.registers(), tally.calls(), activeFault));
    }

    private static String hostPort(java.net.InetSocketAddress a) {
        return a.getAddress().getHostAddress() + ":" + a.getPort();
    }

    // ---- resolution: every step's fault and target looked up before anything runs ----

    /** A step ready to play: its drill time in nanoseconds, its fault (fault actions) or restart targets. */
    private record Timed(long at, Action action, Fault fault, List<String> restart) {
    }

    private record Resolved(List<Timed> steps, List<Timed> rollbacks) {
    }

    private Resolved resolve(DrillMethod method) {
        List<Timed> steps = new ArrayList<>();
        for (Step s : method.steps()) {
            steps.add(resolve(nanos(s.at()), s.action()));
        }
        List<Timed> rollbacks = new ArrayList<>();
        for (Action a : method.rollbacks()) {
            if (a instanceof Action.CpuSqueeze || a instanceof Action.CpuBurn || a instanceof Action.Freeze || a instanceof Action.Kill
                    || a instanceof Action.Toxic || a instanceof Action.LinkDown) {
                throw new IllegalArgumentException("rollback " + a.describe() + " would inject a fault: rollbacks clear faults, restart or route DDIs");
            }
            rollbacks.add(resolve(0, a));
        }
        return new Resolved(List.copyOf(steps), List.copyOf(rollbacks));
    }

    private Timed resolve(long at, Action action) {
        try {
            if (action instanceof Action.CpuSqueeze c) {
                return new Timed(at, action, target.faults().cpuSqueeze(c.target(), c.quota()), List.of());
            }
            if (action instanceof Action.CpuBurn b) {
                return new Timed(at, action, target.faults().cpuBurn(b.target(), b.workers(), b.load()), List.of());
            } else if (action instanceof Action.Freeze f) {
                return new Timed(at, action, target.faults().freeze(f.target()), List.of());
            } else if (action instanceof Action.Kill k) {
                return new Timed(at, action, target.faults().kill(k.target()), List.of());
            } else if (action instanceof Action.Toxic t) {
                return new Timed(at, action, target.links().toxic(t.link(), t.type(),
                        ToxicTimes.scaled(t.attributes(), plan.timeScale()), t.stream()), List.of());
            } else if (action instanceof Action.LinkDown d) {
                return new Timed(at, action, target.links().down(d.link()), List.of());
            } else if (action instanceof Action.Restart r) {
                return new Timed(at, action, null, RestartTargets.of(r, target.faults(), target.env()));
            } else if (action instanceof Action.DdiRoute) {
                if (plan.calls() == null) {
                    throw new IllegalArgumentException("ddi-route needs the drill's calls (population.calls): without a carrier there is no DDI routing");
                }
                return new Timed(at, action, null, List.of());
            } else if (action instanceof Action.ClearFaults) {
                return new Timed(at, action, null, List.of());
            }
            throw new IllegalArgumentException("end is the drill's duration, not a step");
        } catch (UnsupportedOperationException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * Plays steps and rollbacks under one lock, so the shutdown hook's rollback and the runner's
     * next step never interleave; once rolled back, nothing more is played. Every fault injected is
     * armed here and reverted on any ending.
     */
    private final class Rollback {
        private final DrillClock clock;
        private final RollbackStrategy strategy;
        private final List<Timed> actions;
        private final Deque<Fault> armed = new ArrayDeque<>();
        private boolean done;
        private boolean methodStarted;
        private Boolean deviated; // null: the hypothesis after the method was not checked

        Rollback(DrillClock clock, RollbackStrategy strategy, List<Timed> actions) {
            this.clock = clock;
            this.strategy = strategy;
            this.actions = actions;
        }

        synchronized void methodStarted() {
            methodStarted = true;
        }

        synchronized void deviated(boolean value) {
            deviated = value;
        }

        synchronized String activeFaults() {
            if (armed.isEmpty()) {
                return null;
            }
            List<String> names = new ArrayList<>();
            armed.descendingIterator().forEachRemaining(f -> names.add(f.name()));
            return String.join(", ", names);
        }

        /** Plays one method step; false when the drill was already rolled back (nothing played). */
        synchronized boolean play(Timed step, String phase) throws Exception {
            if (done) {
                return false;
            }
            methodStarted = true;
            playLocked(step, phase);
            return true;
        }

        private void playLocked(Timed step, String phase) throws Exception {
            Action action = step.action();
            String what = action.describe();
            try {
                if (action instanceof Action.ClearFaults) {
                    revertAll(phase.equals("rollback") ? "rollback" : null);
                } else if (action instanceof Action.Restart r) {
                    for (String t : step.restart()) {
                        target.faults().restart(t);
                    }
                    if (!step.restart().equals(List.of(r.target()))) {
                        what = what + " (" + String.join(", ", step.restart()) + ")";
                    }
                } else if (action instanceof Action.DdiRoute d) {
                    load.ddi().orElseThrow(() -> new IllegalStateException("no DDI routing: the drill's carrier is not running"))
                            .switchTo(d.to(), phase.equals("method") ? "drill step" : "drill rollback");
                } else if (step.fault() != null) {
                    Fault f = step.fault();
                    armed.remove(f);
                    armed.addLast(f); // armed before injecting: a half-applied fault is reverted too
                    f.inject();
                    journal.write(new JournalEvent.FaultStep(clock.millis(), "start", f.name(), f.target(), f.detail()));
                } else {
                    throw new IllegalStateException(what + " is not a step");
                }
                journal.write(new JournalEvent.ActionStep(clock.millis(), phase, what, "ok"));
            } catch (Exception e) {
                journal.write(new JournalEvent.ActionStep(clock.millis(), phase, what, "failed: " + e.getMessage()));
                throw e;
            }
        }

        /** Reverts every armed fault, newest first; {@code detail} null keeps each fault's own. */
        private void revertAll(String detail) throws Exception {
            Exception first = null;
            for (Iterator<Fault> it = armed.descendingIterator(); it.hasNext(); ) {
                Fault f = it.next();
                try {
                    f.revert();
                    it.remove();
                    journal.write(new JournalEvent.FaultStep(clock.millis(), "end", f.name(), f.target(),
                            detail == null ? f.detail() : detail));
                } catch (Exception e) {
                    System.err.println("sipdrill: could not revert " + f.name() + " on " + f.target() + ": " + e.getMessage());
                    first = first == null ? e : first;
                }
            }
            if (first != null) {
                throw first;
            }
        }

        private boolean actionsDue() {
            switch (strategy) {
                case ALWAYS:
                    return true;
                case NEVER:
                    return false;
                case DEVIATED:
                    return methodStarted && (deviated == null || deviated);
                default:
                    return methodStarted;
            }
        }

        /** The rollback: the actions by strategy, then every fault still armed, then the end line; once. */
        synchronized void run(String reason) {
            if (done) {
                return;
            }
            done = true;
            if (actionsDue()) {
                for (Timed a : actions) {
                    try {
                        playLocked(a, "rollback");
                    } catch (Exception e) {
                        // journaled by playLocked; the other rollbacks still run
                        System.err.println("sipdrill: rollback " + a.action().describe() + " failed: " + e.getMessage());
                    }
                }
            }
            try {
                revertAll("rollback");
            } catch (Exception e) {
                // reported per fault by revertAll
            }
            writeMalformed(clock);
            journal.write(new JournalEvent.DrillEnded(clock.millis(), reason));
            journal.flush();
        }
    }
}
