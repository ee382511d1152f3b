package io.sipdrill.chaos.drill;

import io.sipdrill.load.handset.FailbackMode;
import io.sipdrill.load.handset.HandsetProfile;
import io.sipdrill.load.handset.PopulationMix;
import io.sipdrill.load.journal.JournalEvent;
import io.sipdrill.load.sip.transport.SipTransport;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a drill does, in real-equivalent time (the runner divides by {@code timeScale}).
 *
 * @param ramp           initial registrations spread over this long
 * @param expires        registration interval the handsets ask for
 * @param failoverAfter  failed REGISTER tries before a handset moves to the other POP
 * @param retryDelay     pause between tries on the same POP
 * @param faultAt        when the registrar outage starts (t0); null for a drill without a fault
 * @param faultFor       how long it lasts (tR = faultAt + faultFor)
 * @param duration       when the drill ends
 * @param slo            bounds judged by the report, keyed like summary.json ({@code failover.t50_s})
 * @param calls          the drill's call traffic; null for registrations only
 * @param method         steady-state hypothesis, timed steps and rollbacks; null for a plan that says
 *                       only {@code faultAt}/{@code faultFor}: its method is then derived from them
 *                       (see {@link #method()})
 * @param transport      what handsets register over: UDP, or TLS (registrations only: not with calls)
 */
public record DrillPlan(String name, int handsets, double timeScale, PopulationMix mix, Duration ramp,
                        Duration expires, int failoverAfter, Duration retryDelay, Duration faultAt,
                        Duration faultFor, Duration duration, Map<String, JournalEvent.Slo> slo, CallPlan calls,
                        DrillMethod method, SipTransport transport) {

    /** A drill whose handsets register over UDP. */
    public DrillPlan(String name, int handsets, double timeScale, PopulationMix mix, Duration ramp,
                     Duration expires, int failoverAfter, Duration retryDelay, Duration faultAt,
                     Duration faultFor, Duration duration, Map<String, JournalEvent.Slo> slo, CallPlan calls,
                     DrillMethod method) {
        this(name, handsets, timeScale, mix, ramp, expires, failoverAfter, retryDelay, faultAt, faultFor, duration,
                slo, calls, method, SipTransport.UDP);
    }

    /** A drill whose method is its one registrar outage (faultAt, faultFor) and its calls' DDI switches. */
    public DrillPlan(String name, int handsets, double timeScale, PopulationMix mix, Duration ramp,
                     Duration expires, int failoverAfter, Duration retryDelay, Duration faultAt,
                     Duration faultFor, Duration duration, Map<String, JournalEvent.Slo> slo, CallPlan calls) {
        this(name, handsets, timeScale, mix, ramp, expires, failoverAfter, retryDelay, faultAt, faultFor, duration,
                slo, calls, null);
    }

    /** A drill without calls. */
    public DrillPlan(String name, int handsets, double timeScale, PopulationMix mix, Duration ramp,
                     Duration expires, int failoverAfter, Duration retryDelay, Duration faultAt,
                     Duration faultFor, Duration duration, Map<String, JournalEvent.Slo> slo) {
        this(name, handsets, timeScale, mix, ramp, expires, failoverAfter, retryDelay, faultAt, faultFor, duration,
                slo, null);
    }

    public DrillPlan {
        if (handsets < 1) {
            throw new IllegalArgumentException("--handsets must be at least 1 (got " + handsets + ")");
        }
        if (!(timeScale > 0) || timeScale > 3600) {
            throw new IllegalArgumentException("--time-scale must be greater than 0 and at most 3600 (got " + timeScale + ")");
        }
        slo = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(slo)); // keeps the order SLOs are listed in
        if (method != null && method.steps().stream().anyMatch(s -> s.at().compareTo(duration) > 0)) {
            throw new IllegalArgumentException("a method step comes after the drill's end (" + duration + ")");
        }
        transport = transport == null ? SipTransport.UDP : transport;
        if (transport != SipTransport.UDP && calls != null) {
            throw new IllegalArgumentException(name + ": calls over " + transport.viaToken().toLowerCase(java.util.Locale.ROOT)
                    + " are not supported yet (handsets register over tls in drills without calls)");
        }
    }

    /**
     * What the runner plays. A plan built from {@code faultAt}/{@code faultFor} gets the method the
     * built-in drills always had: freeze the registrar (the topology's outage fault) at faultAt,
     * clear it at faultAt + faultFor, and the calls' DDI switches at their times (a switch at the
     * same instant as a fault step goes first); no hypothesis, no rollback actions (the armed
     * fault is reverted on any ending all the same).
     */
    @Override
    public DrillMethod method() {
        if (method != null) {
            return method;
        }
        java.util.List<Step> steps = new java.util.ArrayList<>();
        if (calls != null) {
            for (CallPlan.DdiSwitch s : calls.ddiSwitches()) {
                steps.add(new Step(s.at(), new Action.DdiRoute(s.to())));
            }
        }
        if (faultAt != null) {
            steps.add(new Step(faultAt, new Action.Freeze("registrar")));
            steps.add(new Step(faultAt.plus(faultFor), new Action.ClearFaults()));
        }
        steps.sort(java.util.Comparator.comparing(Step::at)); // stable: DDI switches first on a tie
        return new DrillMethod(faultAt == null ? Duration.ZERO : faultAt, java.util.List.of(), steps,
                RollbackStrategy.DEFAULT, java.util.List.of());
    }

    /**
     * The built-in drill: the June incident's core, a registrar that stops answering for 20
     * minutes. 10-minute registrations, handsets move after two failed tries, and come back by
     * the default mix (70% at refresh, 25% after 5 minutes, 5% never). 40 real minutes: at the
     * default 20x it takes two.
     */
    public static DrillPlan registrarOutage(int handsets, double timeScale) {
        Map<String, JournalEvent.Slo> slo = new LinkedHashMap<>();
        slo.put("failover.t50_s", new JournalEvent.Slo(null, 600.0));       // the incident: >50% within 10 min
        slo.put("failback.t90_s", new JournalEvent.Slo(null, 900.0));
        slo.put("reached_backup_pct", new JournalEvent.Slo(90.0, null));
        slo.put("returned_primary_pct", new JournalEvent.Slo(90.0, null));
        return new DrillPlan("registrar-outage", handsets, timeScale, PopulationMix.defaultMix(),
                Duration.ofMinutes(1), Duration.ofMinutes(10), 2, Duration.ofSeconds(10),
                Duration.ofMinutes(3), Duration.ofMinutes(20), Duration.ofMinutes(40), slo);
    }

    /**
     * The built-in call-load drill (issue 4; {@code drills/call-load.yaml} once drill files land):
     * 200 handsets register over 10 s, then the carrier sends inbound DDI calls and random handsets
     * place outbound calls, 5 per second each for 60 s, ring 1–3 s, talk 5–10 s, with G.711 RTP.
     * No fault, real time (scale 1): media runs in real time anyway.
     */
    public static DrillPlan callLoad(int handsets, double timeScale) {
        return callLoad(handsets, timeScale, CALL_LOAD_CALLS_FOR);
    }

    /** How long the built-in call-load drill places calls unless told otherwise. */
    public static final Duration CALL_LOAD_CALLS_FOR = Duration.ofSeconds(60);

    /**
     * The call-load drill placing calls for {@code callsFor} instead of 60 s (a short CI or test run).
     * The drill ends 15 s after the last call is placed: enough for it to ring (≤ 3 s) and talk (≤ 10 s).
     */
    public static DrillPlan callLoad(int handsets, double timeScale, Duration callsFor) {
        if (callsFor.compareTo(Duration.ofSeconds(1)) < 0 || callsFor.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("--calls-for must be between 1 and 3600 seconds (got " + callsFor.toSeconds() + ")");
        }
        Map<String, JournalEvent.Slo> slo = new LinkedHashMap<>();
        slo.put("calls.answered_pct", new JournalEvent.Slo(99.0, null));
        slo.put("rtp.mos.p5", new JournalEvent.Slo(4.0, null));
        Duration callsFrom = Duration.ofSeconds(10);
        Duration callsUntil = callsFrom.plus(callsFor);
        CallPlan calls = new CallPlan(5, 5, io.sipdrill.load.calls.CallTimes.DEFAULT, true,
                callsFrom, callsUntil, CallPlan.DEFAULT_CARRIER, java.util.List.of());
        return new DrillPlan("call-load", handsets, timeScale, PopulationMix.defaultMix(), Duration.ofSeconds(10),
                Duration.ofMinutes(10), 2, Duration.ofSeconds(10), null, Duration.ZERO,
                callsUntil.plusSeconds(15), slo, calls);
    }

    /**
     * The same drill with signalling-only calls and without its RTP SLOs ({@code rtp.*}). Dropped
     * from the plan rather than judged: a drill that sends no media on purpose cannot measure MOS,
     * and failing it every time would teach people to ignore red runs. Dropped here, the SLO is not
     * in the journal either, so the report judges exactly what the run could measure.
     */
    public DrillPlan withoutRtp() {
        Map<String, JournalEvent.Slo> measurable = new LinkedHashMap<>(slo);
        measurable.keySet().removeIf(name -> name.startsWith("rtp."));
        return new DrillPlan(name, handsets, timeScale, mix, ramp, expires, failoverAfter, retryDelay, faultAt,
                faultFor, duration, measurable, calls == null ? null : calls.withRtp(false), method, transport);
    }

    /**
     * The same population with no fault and no SLOs on failover: for measuring an external target.
     * Its method is derived again, so it keeps only the calls' DDI switches (a drill file's steps go with its faults).
     */
    public DrillPlan withoutFault() {
        return new DrillPlan(name + "-measure", handsets, timeScale, mix, ramp, expires, failoverAfter, retryDelay,
                null, Duration.ZERO, duration, Map.of(), calls, null, transport);
    }

    /** The same population and load playing {@code drillMethod} instead. */
    public DrillPlan withMethod(DrillMethod drillMethod) {
        return new DrillPlan(name, handsets, timeScale, mix, ramp, expires, failoverAfter, retryDelay, faultAt,
                faultFor, duration, slo, calls, drillMethod, transport);
    }

    /** The same drill with another number of handsets (a shard's share of the population). */
    public DrillPlan withHandsets(int count) {
        return new DrillPlan(name, count, timeScale, mix, ramp, expires, failoverAfter, retryDelay, faultAt,
                faultFor, duration, slo, calls, method, transport);
    }

    /** The same drill with other call traffic (null: none). */
    public DrillPlan withCalls(CallPlan callPlan) {
        return new DrillPlan(name, handsets, timeScale, mix, ramp, expires, failoverAfter, retryDelay, faultAt,
                faultFor, duration, slo, callPlan, method, transport);
    }

    /** The same drill with handsets registering over {@code over} (the command line's {@code --transport}). */
    public DrillPlan withTransport(SipTransport over) {
        return new DrillPlan(name, handsets, timeScale, mix, ramp, expires, failoverAfter, retryDelay, faultAt,
                faultFor, duration, slo, calls, method, over);
    }

    /** Handsets share this many sockets, on 127.0.3.1, 127.0.3.2, … */
    public static final int HANDSET_SOCKETS = 4;
    public static final String HANDSET_ADDRESS = "127.0.3.1";

    /** The handsets' behaviour in drill time; the mix then sets each handset's failback mode. */
    public HandsetProfile handsetProfile() {
        // SIP expiry is whole seconds on the wire, and registrars refuse less than their Min-Expires.
        Duration expiresScaled = scaled(expires);
        if (expiresScaled.compareTo(Duration.ofSeconds(1)) < 0) {
            expiresScaled = Duration.ofSeconds(1);
        }
        return new HandsetProfile(expiresScaled, 0.5, 0.9, failoverAfter, scaled(retryDelay),
                FailbackMode.REGISTRATION, Duration.ZERO);
    }

    /** Real-equivalent duration → drill time. */
    public Duration scaled(Duration real) {
        return Duration.ofNanos((long) (real.toNanos() / timeScale));
    }
}
