package io.sipdrill.load.gatling.protocol;

import io.gatling.core.CoreComponents;
import io.gatling.core.protocol.ProtocolComponents;
import io.gatling.core.session.Session;
import io.sipdrill.load.sip.call.Media;
import io.sipdrill.load.gatling.check.SipCheck;
import io.sipdrill.load.gatling.internal.SipActionBase;
import io.sipdrill.load.gatling.internal.SipTxRecord;
import io.sipdrill.load.gatling.internal.SipUser;
import io.sipdrill.load.gatling.internal.SipVerdict;
import io.sipdrill.load.handset.FailbackMode;
import io.sipdrill.load.handset.Handset;
import io.sipdrill.load.handset.HandsetContext;
import io.sipdrill.load.handset.HandsetProfile;
import io.sipdrill.load.handset.PopCounts;
import io.sipdrill.load.handset.Purpose;
import io.sipdrill.load.sip.SipEngine;
import io.sipdrill.load.sip.codec.LeanSipCodec;
import io.sipdrill.load.sip.codec.SipResponse;
import io.sipdrill.load.sip.message.AsciiWriter;
import io.sipdrill.load.sip.message.OptionsTemplate;
import io.sipdrill.load.sip.message.RegisterTemplate;
import io.sipdrill.load.sip.transaction.ClientTransaction;
import io.sipdrill.load.sip.transaction.TransactionListener;
import io.sipdrill.load.sip.transaction.TransactionOutcome;
import io.sipdrill.load.sip.transport.LocalSocket;
import io.sipdrill.load.sip.transport.SipSocket;
import io.sipdrill.load.sip.transport.SipTransport;
import io.sipdrill.load.time.DrillClock;
import scala.Function1;
import scala.runtime.BoxedUnit;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * What one {@link SipProtocol} shares during a run: ONE {@link SipEngine} (event loop, socket pool,
 * transaction layer), the handsets' context and live counts, and each virtual user's handset.
 * Actions hand their work to it from Gatling's threads; it runs that work on the engine's loop
 * and reports back through the action. The engine closes when Gatling's actor system terminates.
 */
public final class SipComponents implements ProtocolComponents {

    private final SipProtocol protocol;
    private final SipEngine engine;
    private final HandsetContext context;
    private final HandsetProfile profile;
    private final InetSocketAddress registrar;
    private final OptionsTemplate optionsTemplate;
    private final AsciiWriter writer = new AsciiWriter();   // loop thread only
    private final Map<Long, SipUser> users = new ConcurrentHashMap<>();
    // Shared by every user rather than made per user: at 100,000 users each copy is memory held all run.
    private final Map<HandsetProfile, HandsetProfile> profiles = new HashMap<>();   // loop thread only
    private final Executor loopExecutor;
    private final SipLiveView view;
    private long optionsCount;                              // loop thread only
    private volatile SipCallComponents calls;               // null: handsets take no calls

    private SipComponents(SipProtocol protocol, SipEngine engine, HandsetContext context, InetSocketAddress registrar) {
        SipSettings s = protocol.settings();
        this.protocol = protocol;
        this.engine = engine;
        this.context = context;
        this.profile = s.profile();
        this.registrar = registrar;
        this.optionsTemplate = new OptionsTemplate(s.effectiveDomain());
        this.loopExecutor = engine.loop()::execute;
        this.view = new SipLiveView(context.counts(), users::size, engine.transactions().counters(), context.clock());
    }

    /**
     * The factory Gatling caches per run: one components object (one engine) per protocol
     * instance, however many scenarios use it.
     */
    static Function1<SipProtocol, SipComponents> factory(CoreComponents core) {
        Map<SipProtocol, SipComponents> started = new ConcurrentHashMap<>(); // SipProtocol has identity equality
        return protocol -> {
            // Raised here, outside the simulation's constructor, our one line is printed as it is.
            protocol.problem().ifPresent(io.sipdrill.load.gatling.internal.ConfigurationFailure::fail);
            return started.computeIfAbsent(protocol, p -> start(p, core));
        };
    }

    private static SipComponents start(SipProtocol protocol, CoreComponents core) {
        SipSettings s = protocol.settings();
        InetSocketAddress primary = s.registrarAddress();
        InetSocketAddress backup = s.backupAddress(primary);
        // Header lines are kept (one copy per response) so checks can read any header.
        SipEngine engine = s.tls()
                ? SipEngine.startTls(s.localAddress(), s.sockets(), s.timers(), s.requiredTrust(), new LeanSipCodec(true))
                : SipEngine.start(s.localAddress(), s.sockets(), s.timers(), new LeanSipCodec(true));
        SipComponents components;
        try {
            DrillClock clock = s.drillClock() != null ? s.drillClock() : DrillClock.startingNow(engine.loop());
            // Virtual users arrive over time, so PopCounts starts at zero handsets; the live view
            // counts handsets itself.
            // Via, Contact and retransmissions follow the engine's transport (UDP, or TLS from startTls).
            HandsetContext context = new HandsetContext(engine.transactions(),
                    new RegisterTemplate(s.effectiveDomain(), engine.transport()),
                    primary, backup, s.journal(), clock, new PopCounts(0));
            components = new SipComponents(protocol, engine, context, primary);
            if (protocol.calls().isPresent()) {
                Media media = SipMedia.forSettings(protocol.calls().get());
                try {
                    components.calls = new SipCallComponents(protocol.calls().get(), engine, media, s.journal(), clock,
                            primary, backup, s.allowedTargets());
                } catch (RuntimeException e) {
                    Media.closeQuietly(media); // the call components own it once they exist; until then we do
                    throw e;
                }
                components.view.ddi(components.calls.routing());
            }
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
        core.actorSystem().registerOnTermination(() -> {
            components.close();
            return BoxedUnit.UNIT;
        });
        protocol.started(components.view);
        return components;
    }

    @Override
    public Function1<Session, Session> onStart() {
        return Session.Identity();
    }

    /**
     * When a virtual user leaves its scenario, a call its scripted steps placed or took is hung up
     * and a waiting {@code awaitCall()} stops (see {@link io.sipdrill.load.calls.HandsetLine#scenarioLeft}),
     * so no call outlives the scenario that owned it.
     */
    @Override
    public Function1<Session, BoxedUnit> onExit() {
        return session -> {
            SipCallComponents c = calls;
            if (c != null) {
                long id = session.userId();
                engine.loop().execute(() -> c.scripted().scenarioLeft(id));
            }
            return BoxedUnit.UNIT;
        };
    }

    public SipProtocol protocol() {
        return protocol;
    }

    public SipEngine engine() {
        return engine;
    }

    public SipLiveView live() {
        return view;
    }

    // ---- work handed over by the actions (called on Gatling threads; runs on the SIP loop) -----

    /**
     * Registers the session's virtual user: creates its handset on first use (or after it
     * unregistered), then sends an initial REGISTER. The step ends when that attempt ends; the
     * handset keeps refreshing, failing over and failing back afterwards.
     *
     * @param failback        this user's failback mode, or null for the protocol's
     * @param failbackTimeout with {@code failback}: its timeout (drill time)
     * @param handsetIndex    the handset's index in the numbering plan (journal {@code h}), or null for the virtual user's id
     */
    public void register(SipActionBase action, Session session, String name, String user, String password,
                         List<SipCheck> checks, FailbackMode failback, Duration failbackTimeout, Integer handsetIndex) {
        long id = session.userId();
        // The journal's handset and its refresh timing follow the numbering plan when given, so a
        // handset behaves the same whichever shard (injector) simulates it.
        int index = handsetIndex != null ? handsetIndex : (int) id;
        onLoop(action, session, name, () -> {
            SipUser u = users.get(id);
            if (u == null || u.retired()) {
                HandsetProfile p = failback == null ? profile
                        : profiles.computeIfAbsent(profile.withFailback(failback, failbackTimeout), k -> k);
                Handset handset = Handset.on(handsetSocketFor(id), index, user, password, context, p, p.refreshShareFor(index));
                u = new SipUser(loopExecutor, handset, action, session);
                handset.observer(u);
                users.put(id, u);
                if (calls != null) {
                    calls.plugIn(id, handset, socketFor(id));
                }
            } else {
                u.adopt(action, session);
            }
            u.expect(new SipUser.Pending(Purpose.INITIAL, name, session, checks, action));
            u.handset().start();
        });
    }

    /** Removes the session's virtual user's registration (Expires: 0) and stops its handset. */
    public void unregister(SipActionBase action, Session session, String name, List<SipCheck> checks) {
        long id = session.userId();
        onLoop(action, session, name, () -> {
            SipUser u = users.get(id);
            if (u == null || u.retired()) {
                action.failNow(session, name, "no handset to unregister: this virtual user has not registered");
                return;
            }
            u.expect(new SipUser.Pending(Purpose.UNREGISTER, name, session, checks, action));
            u.handset().unregister();
        });
    }

    /** Sends one OPTIONS to the registrar; a 2xx final response is OK. */
    public void options(SipActionBase action, Session session, String name, String user, List<SipCheck> checks) {
        long id = session.userId();
        onLoop(action, session, name, () -> {
            if (engine.transport() != SipTransport.UDP) {
                action.failNow(session, name, "options() goes over udp only; this protocol's handsets use "
                        + engine.transport().viaToken());
                return;
            }
            LocalSocket socket = socketFor(id);
            String branch = engine.transactions().newBranch();
            long n = ++optionsCount;
            byte[] request = optionsTemplate.write(writer, socket.hostPortAscii(), user, branch,
                    Long.toString(id, 36) + "o" + Long.toString(n, 36),
                    branch.substring(7) + "@sipdrill", 1);
            ClientTransaction.Sender sender = (bytes, target) -> socket.send(ByteBuffer.wrap(bytes), target);
            engine.transactions().start(branch, "OPTIONS", sender, registrar, request,
                    new OptionsListener(action, session, name, checks), null);
        });
    }

    /**
     * A handset calls {@code number}; OK when answered, with the setup time.
     *
     * @param fromUser the SIP user whose handset dials; null: the virtual user's own
     */
    public void dial(SipActionBase action, Session session, String name, String fromUser, String number) {
        onLoop(action, session, name, () -> {
            if (calls == null) {
                action.failNow(session, name, "calls are off: enable them with sip.registrar(…).calls(times)");
                return;
            }
            calls.dial(action, session, name, fromUser, number);
        });
    }

    /** The carrier calls {@code ddi} at the POP DDI routing points at; OK when answered. */
    public void callDdi(SipActionBase action, Session session, String name, String ddi) {
        SipCallComponents c = calls;
        if (c == null) {
            action.failNow(session, name, "calls are off: configure a carrier with sip.registrar(…).carrier(…)");
            return;
        }
        c.callDdi(action, session, name, ddi);
    }

    /** The virtual user's handset calls {@code number}; OK when answered; the call stays up until {@link #hangup}. */
    public void call(SipActionBase action, Session session, String name, String number) {
        onCallLoop(action, session, name, c -> c.scripted().call(action, session, name, number));
    }

    /** Waits for an inbound call on the virtual user's line (scripted answering); KO after {@code timeout}. */
    public void awaitCall(SipActionBase action, Session session, String name, Duration timeout) {
        onCallLoop(action, session, name, c -> c.scripted().awaitCall(action, session, name, timeout));
    }

    /** Answers the call {@link #awaitCall} took; OK when the ACK arrives. */
    public void answer(SipActionBase action, Session session, String name) {
        onCallLoop(action, session, name, c -> c.scripted().answer(action, session, name));
    }

    /** Hangs up the virtual user's current call, either direction; OK on a 2xx to the BYE. */
    public void hangup(SipActionBase action, Session session, String name) {
        onCallLoop(action, session, name, c -> c.scripted().hangup(action, session, name));
    }

    private void onCallLoop(SipActionBase action, Session session, String name,
                            java.util.function.Consumer<SipCallComponents> work) {
        onLoop(action, session, name, () -> {
            SipCallComponents c = calls;
            if (c == null) {
                action.failNow(session, name, "calls are off: enable them with sip.registrar(…).calls(times)"
                        + " or .answering(AnswerMode.SCRIPTED)");
                return;
            }
            work.accept(c);
        });
    }

    /** Runs {@code work} on the loop; if it throws, the step fails instead of hanging the user. */
    private void onLoop(SipActionBase action, Session session, String name, Runnable work) {
        engine.loop().execute(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                action.failNow(session, name, "crashed: " + e);
            }
        });
    }

    /** The socket user {@code userId}'s handset registers through: a UDP one, or a TLS one with {@code startTls}. */
    private SipSocket handsetSocketFor(long userId) {
        List<? extends SipSocket> sockets = engine.handsetSockets();
        return sockets.get((int) Math.floorMod(userId, (long) sockets.size()));
    }

    private LocalSocket socketFor(long userId) {
        List<LocalSocket> sockets = engine.sockets();
        return sockets.get((int) Math.floorMod(userId, (long) sockets.size()));
    }

    /** Stops every handset (no un-REGISTER: bindings expire on their own), then the engine. */
    void close() {
        if (calls != null) {
            calls.hangUpAll(); // before the handsets stop: every call ends and is journaled
        }
        CompletableFuture<Void> stopped = new CompletableFuture<>();
        engine.loop().execute(() -> {
            try {
                users.values().forEach(u -> u.handset().stop());
            } finally {
                stopped.complete(null);
            }
        });
        try {
            stopped.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // closing anyway
        }
        if (calls != null) {
            calls.close();
        }
        engine.close();
    }

    /** One OPTIONS transaction's result → one statistics record and the user's next step. */
    private static final class OptionsListener implements TransactionListener {
        private final SipActionBase action;
        private final Session session;
        private final String name;
        private final List<SipCheck> checks;

        OptionsListener(SipActionBase action, Session session, String name, List<SipCheck> checks) {
            this.action = action;
            this.session = session;
            this.name = name;
            this.checks = new ArrayList<>(checks);
        }

        @Override
        public void onCompleted(ClientTransaction tx, TransactionOutcome outcome, SipResponse response) {
            long end = action.nowMillis();
            long start = end - Math.round(tx.elapsedNanos() / 1e6);
            String failure = SipVerdict.transactionFailure(outcome, response, false);
            SipVerdict verdict = failure != null ? SipVerdict.failed(failure) : SipVerdict.of(checks, response, session);
            SipTxRecord record = new SipTxRecord(action, session, true, name, null, start, end,
                    response == null ? null : response.statusCode(), verdict.failure() == null, verdict.failure());
            record.then(() -> action.proceed(session, verdict.failure(), verdict.saves()));
            action.report(record);
        }
    }
}
