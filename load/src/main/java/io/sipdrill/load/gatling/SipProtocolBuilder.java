package io.sipdrill.load.gatling;

import io.gatling.javaapi.core.ProtocolBuilder;
import io.sipdrill.load.gatling.protocol.SipCallSettings;
import io.sipdrill.load.gatling.protocol.SipLiveView;
import io.sipdrill.load.gatling.protocol.SipProtocol;
import io.sipdrill.load.gatling.protocol.SipSettings;
import io.sipdrill.load.handset.FailbackMode;
import io.sipdrill.load.journal.Journal;
import io.sipdrill.load.tls.TlsTrust;
import io.sipdrill.load.time.DrillClock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Configures the SIP protocol. Immutable: every call returns a new builder. The registrar is
 * required and comes first ({@code SipDsl.sip.registrar(…)}); everything else has a default.
 * {@link #timeScale} shrinks the SIP timers only; durations are drill time and used as given, so a
 * time-scaled drill passes them already scaled (e.g. an hour's expiry at 60× is one minute).
 *
 * <pre>{@code
 * SipProtocolBuilder sip = SipDsl.sip.registrar("127.0.1.1:5060")
 *     .backup("127.0.2.1:5060").domain("sipdrill.test")
 *     .localAddress("127.0.3.1").sockets(4).timeScale(60)
 *     .expires(Duration.ofMinutes(1)).refreshBetween(0.5, 0.9)      // an hour at 60×
 *     .failoverAfter(2).retryDelay(Duration.ofMillis(500))
 *     .failback(FailbackMode.DURATION, Duration.ofSeconds(10))
 *     .journal(journal)
 *     .observe(view -> timeline.follow(view));
 * }</pre>
 */
public final class SipProtocolBuilder implements ProtocolBuilder {

    /** The first stage: the registrar is the one required setting. */
    public static final class Base {

        static final Base INSTANCE = new Base();

        private Base() {
        }

        /**
         * The primary registrar, {@code host[:port]} (port 5060 by default). Handsets register here
         * first and fail back here. It must be a loopback address unless {@link #allowTarget}
         * allows it.
         *
         * <p>Reported as a {@link SipConfigurationException} when the run starts: a value that fails because it is not {@code HOST:PORT} or the port is out of range
         */
        public SipProtocolBuilder registrar(String hostPort) {
            try {
                return new SipProtocolBuilder(SipSettings.defaults(hostPort), List.of(), null, null);
            } catch (SipConfigurationException e) {
                return new SipProtocolBuilder(SipSettings.defaults("127.0.0.1:5060"), List.of(), e, null);
            }
        }
    }

    private final SipSettings s;
    private final List<Consumer<SipLiveView>> observers;
    /** The first mistake made while building; it surfaces when Gatling starts the protocol (see {@link #protocol()}). */
    private final SipConfigurationException problem;
    private final SipCallSettings calls; // null: handsets do not take part in calls
    private volatile SipProtocol protocol;

    private SipProtocolBuilder(SipSettings settings, List<Consumer<SipLiveView>> observers,
                               SipConfigurationException problem, SipCallSettings calls) {
        this.s = settings;
        this.observers = observers;
        this.problem = problem;
        this.calls = calls;
    }

    private SipProtocolBuilder with(SipSettings settings) {
        return new SipProtocolBuilder(settings, observers, problem, calls);
    }

    private SipProtocolBuilder withCalls(SipCallSettings c) {
        return new SipProtocolBuilder(s, observers, problem, c);
    }

    private SipCallSettings callsOrDefault() {
        return calls == null ? SipCallSettings.DEFAULT : calls;
    }

    /**
     * Handsets take part in calls: each one's phone line answers inbound calls after a ring and
     * places outbound calls ({@code sip(name).dial(number)}), talking and giving up as
     * {@code times} says. Answered calls exchange G.711 RTP unless {@link #rtp} turns it off.
     */
    public SipProtocolBuilder calls(io.sipdrill.load.calls.CallTimes times) {
        return withCalls(callsOrDefault().withTimes(Objects.requireNonNull(times, "times")));
    }

    /**
     * A carrier at {@code hostPort} (e.g. {@code 127.0.4.1:5060}) that sends inbound DDI calls
     * ({@code sip(name).callDdi(ddi)}) to the POP DDI routing points at and answers outbound
     * calls. Implies {@link #calls}.
     */
    public SipProtocolBuilder carrier(String hostPort) {
        return guarded(() -> withCalls(callsOrDefault().withCarrier(hostPort)));
    }

    /**
     * As {@link #carrier(String)}, sending DDI calls to {@code primaryPop} and {@code backupPop}
     * rather than to the registrar and backup the handsets use: for POPs that take trunk calls on
     * another address, or handsets that reach the POPs through sipdrill's fault proxy (the POPs
     * know the carrier by its source address, so its calls must not go through the proxy).
     */
    public SipProtocolBuilder carrier(String hostPort, String primaryPop, String backupPop) {
        return guarded(() -> withCalls(callsOrDefault().withCarrier(hostPort).withDdiPops(primaryPop, backupPop)));
    }

    /**
     * Who answers the handsets' inbound calls. {@link io.sipdrill.load.calls.AnswerMode#AUTOMATIC}
     * (the default): each line rings and answers by itself after the ring time of {@link #calls}.
     * {@link io.sipdrill.load.calls.AnswerMode#SCRIPTED}: a line rings (180) and waits for its
     * virtual user's {@code sip(name).awaitCall()} and {@code answer()} steps; an inbound call
     * before {@code awaitCall()} keeps ringing and the next {@code awaitCall()} takes it. It
     * applies to every handset of this protocol (give scripted users a protocol of their own to
     * mix both). Implies {@link #calls}.
     */
    public SipProtocolBuilder answering(io.sipdrill.load.calls.AnswerMode mode) {
        return withCalls(callsOrDefault().withAnswering(Objects.requireNonNull(mode, "mode")));
    }

    /** RTP for answered calls on (default) or off (signalling-only load). */
    public SipProtocolBuilder rtp(boolean on) {
        return withCalls(callsOrDefault().withRtp(on, callsOrDefault().rtpLoss()));
    }

    /** Drops this share (0..1) of outgoing RTP packets: a loss seam for media-quality tests. */
    public SipProtocolBuilder rtpLoss(double share) {
        return guarded(() -> withCalls(callsOrDefault().withRtp(callsOrDefault().rtp(), share)));
    }

    /**
     * Applies a change unless an earlier one was already wrong, and keeps a wrong one as this
     * builder's problem instead of throwing: a simulation's constructor runs under reflection, where
     * Gatling would bury our one-line message in stack traces; thrown when the run starts, it is
     * printed as it is.
     */
    private SipProtocolBuilder guarded(java.util.function.Supplier<SipProtocolBuilder> change) {
        if (problem != null) {
            return this;
        }
        try {
            return change.get();
        } catch (SipConfigurationException e) {
            return new SipProtocolBuilder(s, observers, e, calls);
        }
    }

    /**
     * The backup POP handsets fail over to, {@code host[:port]}; default: none (they retry the registrar).
     *
     * <p>Reported as a {@link SipConfigurationException} when the run starts: a value that fails because it is not {@code HOST:PORT} or the port is out of range
     */
    public SipProtocolBuilder backup(String hostPort) {
        return guarded(() -> {
            if (hostPort == null) {
                throw new SipConfigurationException("backup 'null' is not HOST:PORT (e.g. 127.0.2.1:5060)");
            }
            return with(new SipSettings(s.registrar(), hostPort, s.domain(), s.transport(),
                    s.localAddress(), s.sockets(), s.timeScale(), s.expires(), s.refreshMin(), s.refreshMax(),
                    s.failoverAfter(), s.retryDelay(), s.failback(), s.failbackTimeout(), s.journal(), s.drillClock(), s.allowedTargets(), s.trust()));
        });
    }

    /** The SIP domain (Request-URI, From, To, digest uri); default: the registrar's host. */
    public SipProtocolBuilder domain(String domain) {
        return guarded(() -> {
            Objects.requireNonNull(domain, "domain");
            if (domain.isBlank()) {
                throw new SipConfigurationException("domain must not be blank");
            }
            return with(new SipSettings(s.registrar(), s.backup(), domain.strip(), s.transport(),
                    s.localAddress(), s.sockets(), s.timeScale(), s.expires(), s.refreshMin(), s.refreshMax(),
                    s.failoverAfter(), s.retryDelay(), s.failback(), s.failbackTimeout(), s.journal(), s.drillClock(), s.allowedTargets(), s.trust()));
        });
    }

    /**
     * The transport handsets register over: {@code "udp"} (the default) or {@code "tls"} (one
     * verified TLS connection per local socket and POP; give the registrar and backup their TLS
     * ports, e.g. {@code 127.0.1.1:5061}, and the CAs to verify them with {@link #trust}).
     * Anything else is a {@link SipConfigurationException}; calls over TLS are not supported yet.
     */
    public SipProtocolBuilder transport(String transport) {
        return guarded(() -> {
            return with(new SipSettings(s.registrar(), s.backup(), s.domain(), SipSettings.transportToken(transport),
                    s.localAddress(), s.sockets(), s.timeScale(), s.expires(), s.refreshMin(), s.refreshMax(),
                    s.failoverAfter(), s.retryDelay(), s.failback(), s.failbackTimeout(), s.journal(), s.drillClock(), s.allowedTargets(), s.trust()));
        });
    }

    /**
     * The certificate authorities handsets verify the registrar and backup against over TLS (the
     * server's certificate must also name the address connected to). Required with
     * {@code transport("tls")}; e.g. {@code TestCertificateAuthority.trust()} or
     * {@code TlsTrust.fromPem(path)}.
     */
    public SipProtocolBuilder trust(TlsTrust trust) {
        return guarded(() -> {
            return with(new SipSettings(s.registrar(), s.backup(), s.domain(), s.transport(),
                    s.localAddress(), s.sockets(), s.timeScale(), s.expires(), s.refreshMin(), s.refreshMax(),
                    s.failoverAfter(), s.retryDelay(), s.failback(), s.failbackTimeout(), s.journal(), s.drillClock(),
                    s.allowedTargets(), Objects.requireNonNull(trust, "trust")));
        });
    }

    /**
     * The first local address to bind; the pool uses this and the next {@code sockets − 1}
     * addresses (127.0.3.1, 127.0.3.2, …), each on an ephemeral port. Default 127.0.0.1.
     */
    public SipProtocolBuilder localAddress(String address) {
        return guarded(() -> {
            return with(new SipSettings(s.registrar(), s.backup(), s.domain(), s.transport(),
                    Objects.requireNonNull(address, "localAddress").strip(), s.sockets(), s.timeScale(), s.expires(),
                    s.refreshMin(), s.refreshMax(), s.failoverAfter(), s.retryDelay(), s.failback(), s.failbackTimeout(),
                    s.journal(), s.drillClock(), s.allowedTargets(), s.trust()));
        });
    }

    /** How many UDP sockets all virtual users share (user i sends from socket i mod n); default 4. */
    public SipProtocolBuilder sockets(int sockets) {
        return guarded(() -> {
            return with(new SipSettings(s.registrar(), s.backup(), s.domain(), s.transport(),
                    s.localAddress(), sockets, s.timeScale(), s.expires(), s.refreshMin(), s.refreshMax(),
                    s.failoverAfter(), s.retryDelay(), s.failback(), s.failbackTimeout(), s.journal(), s.drillClock(), s.allowedTargets(), s.trust()));
        });
    }

    /**
     * The drill's time scale: the SIP timers (T1, T2, T4, Timer F) are divided by it, so at 60 a
     * 32 s transaction timeout lasts about half a second. Default 1. Other durations are not touched.
     */
    public SipProtocolBuilder timeScale(double timeScale) {
        return guarded(() -> {
            return with(new SipSettings(s.registrar(), s.backup(), s.domain(), s.transport(),
                    s.localAddress(), s.sockets(), timeScale, s.expires(), s.refreshMin(), s.refreshMax(),
                    s.failoverAfter(), s.retryDelay(), s.failback(), s.failbackTimeout(), s.journal(), s.drillClock(), s.allowedTargets(), s.trust()));
        });
    }

    /** The registration interval handsets ask for (whole seconds on the wire, at least 1); default one hour. */
    public SipProtocolBuilder expires(Duration expires) {
        return guarded(() -> {
            return with(new SipSettings(s.registrar(), s.backup(), s.domain(), s.transport(),
                    s.localAddress(), s.sockets(), s.timeScale(), expires, s.refreshMin(), s.refreshMax(),
                    s.failoverAfter(), s.retryDelay(), s.failback(), s.failbackTimeout(), s.journal(), s.drillClock(), s.allowedTargets(), s.trust()));
        });
    }

    /** Each handset refreshes at its own point between these shares of the granted interval; default 0.5–0.9. */
    public SipProtocolBuilder refreshBetween(double min, double max) {
        return guarded(() -> {
            return with(new SipSettings(s.registrar(), s.backup(), s.domain(), s.transport(),
                    s.localAddress(), s.sockets(), s.timeScale(), s.expires(), min, max,
                    s.failoverAfter(), s.retryDelay(), s.failback(), s.failbackTimeout(), s.journal(), s.drillClock(), s.allowedTargets(), s.trust()));
        });
    }

    /** Failed REGISTER attempts on one POP before moving to the other; default 2. */
    public SipProtocolBuilder failoverAfter(int attempts) {
        return guarded(() -> {
            return with(new SipSettings(s.registrar(), s.backup(), s.domain(), s.transport(),
                    s.localAddress(), s.sockets(), s.timeScale(), s.expires(), s.refreshMin(), s.refreshMax(),
                    attempts, s.retryDelay(), s.failback(), s.failbackTimeout(), s.journal(), s.drillClock(), s.allowedTargets(), s.trust()));
        });
    }

    /** The pause before retrying the same POP (a longer Retry-After wins); default 30 s. */
    public SipProtocolBuilder retryDelay(Duration delay) {
        return guarded(() -> {
            return with(new SipSettings(s.registrar(), s.backup(), s.domain(), s.transport(),
                    s.localAddress(), s.sockets(), s.timeScale(), s.expires(), s.refreshMin(), s.refreshMax(),
                    s.failoverAfter(), delay, s.failback(), s.failbackTimeout(), s.journal(), s.drillClock(), s.allowedTargets(), s.trust()));
        });
    }

    /**
     * How handsets that failed over come back: at each refresh ({@code REGISTRATION}, the default),
     * after {@code timeout} on the backup ({@code DURATION}), or not at all ({@code NEVER}).
     * A register step can override it per user ({@code register().failback(…)}).
     */
    public SipProtocolBuilder failback(FailbackMode mode, Duration timeout) {
        return guarded(() -> {
            return with(new SipSettings(s.registrar(), s.backup(), s.domain(), s.transport(),
                    s.localAddress(), s.sockets(), s.timeScale(), s.expires(), s.refreshMin(), s.refreshMax(),
                    s.failoverAfter(), s.retryDelay(), mode, timeout, s.journal(), s.drillClock(), s.allowedTargets(), s.trust()));
        });
    }

    /** Where handset events go (transactions, retransmissions, state changes); default: discarded. */
    public SipProtocolBuilder journal(Journal journal) {
        return guarded(() -> {
            return with(new SipSettings(s.registrar(), s.backup(), s.domain(), s.transport(),
                    s.localAddress(), s.sockets(), s.timeScale(), s.expires(), s.refreshMin(), s.refreshMax(),
                    s.failoverAfter(), s.retryDelay(), s.failback(), s.failbackTimeout(), journal, s.drillClock(), s.allowedTargets(), s.trust()));
        });
    }

    /** The clock journal events are stamped with (share the drill's); default: one starting with the engine. */
    public SipProtocolBuilder drillClock(DrillClock clock) {
        return guarded(() -> {
            return with(new SipSettings(s.registrar(), s.backup(), s.domain(), s.transport(),
                    s.localAddress(), s.sockets(), s.timeScale(), s.expires(), s.refreshMin(), s.refreshMax(),
                    s.failoverAfter(), s.retryDelay(), s.failback(), s.failbackTimeout(), s.journal(),
                    Objects.requireNonNull(clock, "drillClock"), s.allowedTargets(), s.trust()));
        });
    }

    /**
     * Allows the registrar and backup to be in {@code cidr} (e.g. {@code "192.0.2.0/24"}, or one
     * address as {@code "192.0.2.10/32"}). Without it only loopback targets (127.0.0.0/8, ::1) are
     * accepted: sipdrill can send a flood, and a typo must not point it at a production
     * registrar. Repeatable; numeric blocks only.
     *
     * <p>Reported as a {@link SipConfigurationException} when the run starts: a value that fails because {@code cidr} is not an address block
     */
    public SipProtocolBuilder allowTarget(String cidr) {
        return guarded(() -> {
            List<String> allowed = new ArrayList<>(s.allowedTargets());
            allowed.add(cidr);
            return with(new SipSettings(s.registrar(), s.backup(), s.domain(), s.transport(),
                    s.localAddress(), s.sockets(), s.timeScale(), s.expires(), s.refreshMin(), s.refreshMax(),
                    s.failoverAfter(), s.retryDelay(), s.failback(), s.failbackTimeout(), s.journal(), s.drillClock(),
                    allowed, s.trust()));
        });
    }

    /**
     * Calls {@code observer} once, on a Gatling thread, when a run starts this protocol's engine,
     * with a live view of the handsets (registered on primary / backup / nowhere) and the engine's
     * counters. Keep the view and poll it; the observer itself must return quickly.
     */
    public SipProtocolBuilder observe(Consumer<SipLiveView> observer) {
        List<Consumer<SipLiveView>> all = new ArrayList<>(observers);
        all.add(Objects.requireNonNull(observer, "observer"));
        return new SipProtocolBuilder(s, List.copyOf(all), problem, calls);
    }

    /** The live view of the latest run using this builder's protocol; empty until its engine started. */
    public Optional<SipLiveView> live() {
        return protocol().live();
    }

    /**
     * The protocol Gatling runs; the same instance on every call. The first call (Gatling's
     * {@code setUp(…).protocols(…)}, while the simulation is being built) resolves the registrar
     * and the backup and applies the target guard. It never throws: the first mistake (a bad
     * value, a host that does not resolve, a target outside loopback that {@link #allowTarget}
     * did not allow, an unreadable {@code sippUsers} file) travels with the protocol and is thrown
     * as one line when the run starts.
     */
    @Override
    public synchronized SipProtocol protocol() {
        if (protocol == null) {
            SipConfigurationException first = problem;
            if (first == null) {
                try {
                    s.checkTargets();
                } catch (SipConfigurationException e) {
                    first = e;
                }
                if (first == null && s.tls() && calls != null) {
                    first = new SipConfigurationException("calls over TLS are not supported yet: handsets register"
                            + " over tls, calls need transport udp");
                }
            }
            // a feeder file that could not be read (SipDsl.sippUsers) is reported here too
            SipConfigurationException feederProblem = SipConfigurationException.takeDeferred();
            protocol = new SipProtocol(s, observers, first != null ? first : feederProblem, calls);
        }
        return protocol;
    }
}
