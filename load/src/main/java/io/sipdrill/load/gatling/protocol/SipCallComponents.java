package io.sipdrill.load.gatling.protocol;

import io.gatling.core.session.Session;
import io.sipdrill.load.calls.CallRecords;
import io.sipdrill.load.calls.Carrier;
import io.sipdrill.load.calls.DdiRouting;
import io.sipdrill.load.calls.DdiNumbers;
import io.sipdrill.load.calls.HandsetLine;
import io.sipdrill.load.gatling.internal.SipActionBase;
import io.sipdrill.load.handset.Handset;
import io.sipdrill.load.sip.SipEngine;
import io.sipdrill.load.sip.call.Media;
import io.sipdrill.load.sip.transport.LocalSocket;
import io.sipdrill.load.time.DrillClock;
import io.sipdrill.load.journal.Journal;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The call side of one run's {@link SipComponents}: the handsets' phone lines, the carrier with
 * its DDI routing, and the media. A call step is OK when the call is answered (by a handset or by
 * voicemail) and KO when it ends unanswered; its response time is the setup time (INVITE → 2xx).
 * Scripted steps ({@link ScriptedCallSteps}) drive the same lines.
 */
final class SipCallComponents implements AutoCloseable {

    private final SipCallSettings settings;
    private final SipEngine engine;
    private final CallRecords records;
    private final Media media;
    private final Carrier carrier;       // null without a carrier
    private final DdiRouting routing;    // null without a carrier
    private final Map<Long, HandsetLine> lines = new ConcurrentHashMap<>();
    private final Map<String, HandsetLine> linesByUser = new ConcurrentHashMap<>();
    private final ScriptedCallSteps scripted;

    SipCallComponents(SipCallSettings settings, SipEngine engine, Media media, Journal journal, DrillClock clock,
                      InetSocketAddress primary, InetSocketAddress backup, java.util.List<String> allowedTargets) {
        this.settings = settings;
        this.engine = engine;
        this.media = media;
        this.records = new CallRecords(journal, clock);
        this.scripted = new ScriptedCallSteps(lines::get, engine.transactions().scheduler());
        engine.loop().execute(() -> engine.calls().media(media));
        if (settings.carrier() != null) {
            InetSocketAddress at = SipTargets.resolve("carrier", settings.carrier(), allowedTargets);
            this.routing = settings.ddiPops() == null ? new DdiRouting(primary, backup, journal, clock)
                    : new DdiRouting(SipTargets.resolve("carrier's primary POP", settings.ddiPops().get(0), allowedTargets),
                    SipTargets.resolve("carrier's backup POP", settings.ddiPops().get(1), allowedTargets), journal, clock);
            this.carrier = new Carrier(at, engine.transactions().timers(), media, routing, settings.times(), records,
                    DdiNumbers::handsetOf);
        } else {
            this.routing = null;
            this.carrier = null;
        }
    }

    /** Gives {@code handset} a phone line. On the loop. */
    void plugIn(long userId, Handset handset, LocalSocket socket) {
        HandsetLine old = lines.remove(userId);
        if (old != null) {
            old.unplug(); // a re-registered user: the old handset's line goes first
        }
        HandsetLine line = HandsetLine.plugIn(handset, socket, engine.calls(), settings.times(), records,
                settings.answering());
        lines.put(userId, line);
        linesByUser.put(handset.user(), line);
    }

    DdiRouting routing() {
        return routing;
    }

    /** The scenario-driven steps on a virtual user's own line (call, awaitCall, answer, hangup). */
    ScriptedCallSteps scripted() {
        return scripted;
    }

    /** A handset dials {@code number}: {@code fromUser}'s, or the virtual user's own when null. On the loop. */
    void dial(SipActionBase action, Session session, String name, String fromUser, String number) {
        HandsetLine line = fromUser == null ? lines.get(session.userId()) : linesByUser.get(fromUser);
        if (line == null) {
            action.failNow(session, name, fromUser == null
                    ? "no handset to call from: this virtual user has not registered"
                    : "no handset for user " + fromUser + " (not registered by any virtual user yet)");
            return;
        }
        long start = action.nowMillis();
        if (line.busy() && fromUser != null) {
            line = idleLine(line); // traffic from "a random handset": one whose user is free to dial
        }
        if (!line.dial(number, new CallStepListener(action, session, name, start))) {
            action.failNow(session, name, "busy: this handset is already on a call");
        }
    }

    private HandsetLine idleLine(HandsetLine busy) {
        java.util.List<HandsetLine> all = new java.util.ArrayList<>(linesByUser.values());
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int tries = 0; tries < 8 && !all.isEmpty(); tries++) {
            HandsetLine candidate = all.get(random.nextInt(all.size()));
            if (!candidate.busy()) {
                return candidate;
            }
        }
        return busy;
    }

    /** The carrier calls DDI {@code ddi}. Any thread. */
    void callDdi(SipActionBase action, Session session, String name, String ddi) {
        if (carrier == null) {
            action.failNow(session, name, "no carrier: configure one with sip.registrar(…).carrier(\"127.0.4.1:5060\")");
            return;
        }
        carrier.callDdi(ddi, new CallStepListener(action, session, name, action.nowMillis()));
    }

    /**
     * Hangs up the calls still in progress on the handsets' engine and the carrier's, and waits
     * (at most a few seconds) until they are over and journaled: a run's end loses no call.
     */
    void hangUpAll() {
        engine.loop().execute(() -> engine.calls().hangupAll());
        if (carrier != null) {
            carrier.engine().loop().execute(() -> carrier.engine().calls().hangupAll());
        }
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(3);
        while (System.nanoTime() < deadline
                && (engine.calls().liveCalls() > 0 || carrier != null && carrier.liveCalls() > 0)) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        if (carrier != null) {
            carrier.close();
        }
        Media.closeQuietly(media); // after the carrier: its calls' legs are on this media too
    }
}
