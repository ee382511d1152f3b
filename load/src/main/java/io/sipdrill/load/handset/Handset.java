package io.sipdrill.load.handset;

import io.sipdrill.load.journal.JournalEvent;
import io.sipdrill.load.sip.auth.DigestAuthorizer;
import io.sipdrill.load.sip.auth.DigestChallenge;
import io.sipdrill.load.sip.codec.SipResponse;
import io.sipdrill.load.sip.transaction.ClientTransaction;
import io.sipdrill.load.sip.transaction.TransactionListener;
import io.sipdrill.load.sip.transaction.TransactionOutcome;
import io.sipdrill.load.sip.transport.SipSocket;
import io.sipdrill.load.time.Scheduler;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * One simulated desk phone. It registers with the primary (answering digest challenges), refreshes
 * before expiry, fails over to the backup POP after {@link HandsetProfile#failoverAfter()} failed
 * tries, and comes back by its {@link FailbackMode}. All methods run on the event loop thread.
 *
 * <p>A registration attempt is one or more transactions: REGISTER → 401 → REGISTER with
 * credentials → 200, plus a new request after 423 (Min-Expires) or a stale nonce.
 */
public final class Handset implements TransactionListener {

    /** Bounds that stop a misbehaving server from making a handset loop forever within one attempt. */
    private static final int MAX_CHALLENGES = 3;
    private static final int MAX_INTERVAL_RETRIES = 2;

    private final int id;
    private final String user;
    private final String password;
    private final HandsetContext ctx;
    private final HandsetProfile profile;
    private final byte[] localHostPort;
    private final ClientTransaction.Sender sender;
    private final double refreshShare;
    private final String fromTag;
    // RFC 3261 §10.2.4: one Call-ID per registrar; two fields rather than an array (24 bytes a handset)
    private String primaryCallId;
    private String backupCallId;

    private long cseq;
    private long requestedExpires;
    private Pop registeredOn;          // null: no valid registration anywhere
    private int failures;              // consecutive failed attempts on attemptPop
    private boolean stopped;
    private HandsetObserver observer = HandsetObserver.NONE;

    // the attempt in flight
    private Pop attemptPop;
    private Purpose attemptPurpose;
    private boolean inFlight;
    private int challenges;
    private int intervalRetries;
    private int nonceCount;
    private long attemptExpires;

    private Scheduler.Timeout refreshTimer;
    private Scheduler.Timeout expiryTimer;
    private Scheduler.Timeout retryTimer;
    private Scheduler.Timeout failbackTimer;

    /** A handset sending through one socket of the engine's pool (UDP or TLS), with its own password. */
    public static Handset on(SipSocket socket, int id, String user, String password, HandsetContext ctx,
                             HandsetProfile profile, double refreshShare) {
        // The socket is the sender: one per socket, not a lambda per handset.
        return new Handset(id, user, password, ctx, profile, socket.hostPortAscii(), refreshShare, socket);
    }

    /** With an explicit sender: tests record requests instead of sending them. */
    Handset(int id, String user, String password, HandsetContext ctx, HandsetProfile profile, byte[] localHostPort,
            double refreshShare, ClientTransaction.Sender sender) {
        this.id = id;
        this.user = user;
        this.password = password;
        this.ctx = ctx;
        this.profile = profile;
        this.localHostPort = localHostPort;
        this.sender = sender;
        this.refreshShare = refreshShare;
        this.fromTag = Integer.toString(id, 36) + "t" + Long.toString(System.nanoTime() & 0xffffff, 36);
        this.requestedExpires = Math.max(1, profile.expires().toSeconds());
    }

    /** Sends the first REGISTER to the primary. Call on the event loop. */
    public void start() {
        register(Pop.PRIMARY, Purpose.INITIAL);
    }

    /** Who hears this handset's transactions and attempts; set before {@link #start()}. */
    public void observer(HandsetObserver observer) {
        this.observer = observer == null ? HandsetObserver.NONE : observer;
    }

    /**
     * Removes the registration (REGISTER with Expires: 0, RFC 3261 §10.2.2) from wherever it is,
     * then stops all background behaviour. Call on the event loop.
     */
    public void unregister() {
        cancel(refreshTimer);
        cancel(retryTimer);
        cancel(failbackTimer);
        Pop pop = registeredOn == null ? Pop.PRIMARY : registeredOn;
        long keep = requestedExpires;
        requestedExpires = 0;
        register(pop, Purpose.UNREGISTER);
        requestedExpires = keep;
    }

    /** Cancels every timer; responses still in flight are ignored. */
    public void stop() {
        stopped = true;
        cancel(refreshTimer);
        cancel(expiryTimer);
        cancel(retryTimer);
        cancel(failbackTimer);
    }

    public int id() { return id; }
    public String user() { return user; }
    public FailbackMode failbackMode() { return profile.failback(); }

    /** The address of a POP as this handset sends to it. */
    public InetSocketAddress address(Pop pop) {
        return ctx.address(pop);
    }

    /** Where the handset holds a valid registration now, or null. */
    public Pop registeredOn() { return registeredOn; }

    // ---- attempts ---------------------------------------------------------------------------

    private void register(Pop pop, Purpose purpose) {
        if (stopped) {
            return;
        }
        cancel(retryTimer);
        attemptPop = pop;
        attemptPurpose = purpose;
        attemptExpires = requestedExpires;
        inFlight = true;
        challenges = 0;
        intervalRetries = 0;
        send(null);
    }

    private void send(String authorization) {
        String branch = ctx.transactions().newBranch();
        byte[] request = ctx.template().write(ctx.writer(), localHostPort, user, branch, fromTag,
                callId(attemptPop), ++cseq, attemptExpires, authorization);
        ctx.transactions().start(branch, "REGISTER", sender, ctx.address(attemptPop), request, this, attemptPurpose);
    }

    /** RFC 3261 §10.2.4: the same Call-ID for every REGISTER to one registrar; a new one for another. */
    private String callId(Pop pop) {
        if (pop == Pop.PRIMARY) {
            if (primaryCallId == null) {
                primaryCallId = newCallId(pop);
            }
            return primaryCallId;
        }
        if (backupCallId == null) {
            backupCallId = newCallId(pop);
        }
        return backupCallId;
    }

    private String newCallId(Pop pop) {
        return user + "-" + pop.name().charAt(0) + "-" + Long.toString(System.nanoTime(), 36) + "@sipdrill";
    }

    // ---- transaction results ----------------------------------------------------------------

    @Override
    public void onRetransmit(ClientTransaction tx, int transmission) {
        ctx.journal().write(new JournalEvent.Retransmission(ctx.clock().millis(), id,
                popOf(tx).journal(), "REGISTER", transmission));
    }

    @Override
    public void onCompleted(ClientTransaction tx, TransactionOutcome outcome, SipResponse response) {
        Purpose purpose = tx.attachment();
        Pop pop = popOf(tx);
        Integer code = response == null ? null : response.statusCode();
        ctx.journal().write(new JournalEvent.Transaction(ctx.clock().millis(), id, pop.journal(), "REGISTER",
                purpose.token(), code, outcomeToken(outcome, response),
                response == null ? null : tx.elapsedNanos() / 1e6, tx.transmissions()));
        observer.onTransaction(this, purpose, pop, outcome, response, tx.elapsedNanos());
        if (stopped || pop != attemptPop || purpose != attemptPurpose) {
            return;
        }
        if (outcome != TransactionOutcome.RESPONSE) {
            attemptFailed(-1, null);
            return;
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300 && purpose == Purpose.UNREGISTER) {
            unregistered(response);
        } else if (status >= 200 && status < 300) {
            registered(pop, grantedExpires(response));
            observer.onAttemptEnded(this, purpose, pop, true, response);
        } else if ((status == 401 || status == 407) && response.challenge() != null) {
            answerChallenge(response);
        } else if (status == 423 && response.minExpires() > 0 && intervalRetries++ < MAX_INTERVAL_RETRIES) {
            // RFC 3261 §10.2.8: retry with at least Min-Expires; keep it for later refreshes too.
            requestedExpires = Math.max(requestedExpires, response.minExpires());
            attemptExpires = requestedExpires;
            send(null);
        } else {
            attemptFailed(response.retryAfter(), response);
        }
    }

    private void unregistered(SipResponse response) {
        inFlight = false;
        stopped = true;
        cancel(expiryTimer);
        if (registeredOn != null) {
            ctx.counts().moved(registeredOn, null);
            registeredOn = null;
            ctx.journal().write(new JournalEvent.HandsetState(ctx.clock().millis(), id, JournalEvent.Pop.NONE,
                    "unregistered", null, profile.failback().token()));
        }
        observer.onAttemptEnded(this, Purpose.UNREGISTER, attemptPop, true, response);
    }

    private void answerChallenge(SipResponse response) {
        DigestChallenge challenge;
        try {
            challenge = DigestChallenge.parse(response.challenge());
        } catch (IllegalArgumentException e) {
            attemptFailed(-1, response);
            return;
        }
        // A second challenge after we answered means wrong credentials, unless the nonce went
        // stale (RFC 2617 §3.2.1): then re-answering with the new nonce is the right move.
        if (challenges > 0 && !challenge.stale() || challenges >= MAX_CHALLENGES) {
            attemptFailed(-1, response);
            return;
        }
        challenges++;
        String cnonce = Long.toString(System.nanoTime() ^ ((long) id << 20), 36);
        String authorization = DigestAuthorizer.authorization(challenge, user, password,
                "REGISTER", ctx.template().requestUri(), ++nonceCount, cnonce);
        send(authorization);
    }

    private long grantedExpires(SipResponse response) {
        if (response.contactExpires() >= 0) {
            return response.contactExpires();
        }
        if (response.expires() >= 0) {
            return response.expires();
        }
        return requestedExpires;
    }

    private void registered(Pop pop, long expiresSeconds) {
        inFlight = false;
        failures = 0;
        Pop before = registeredOn;
        registeredOn = pop;
        ctx.counts().moved(before, pop);
        ctx.journal().write(new JournalEvent.HandsetState(ctx.clock().millis(), id, pop.journal(), "registered",
                (double) expiresSeconds, profile.failback().token()));
        Scheduler s = ctx.transactions().scheduler();
        long lifetime = TimeUnit.SECONDS.toNanos(Math.max(1, expiresSeconds));
        cancel(expiryTimer);
        expiryTimer = s.schedule(this::expired, lifetime, TimeUnit.NANOSECONDS);
        cancel(refreshTimer);
        refreshTimer = s.schedule(this::refreshDue, (long) (lifetime * refreshShare), TimeUnit.NANOSECONDS);
        if (pop == Pop.PRIMARY) {
            cancel(failbackTimer);
            failbackTimer = null;
        } else if (profile.failback() == FailbackMode.DURATION && failbackTimer == null) {
            armFailbackTimer();
        }
    }

    private void expired() {
        if (registeredOn != null) {
            ctx.counts().moved(registeredOn, null);
            registeredOn = null;
            ctx.journal().write(new JournalEvent.HandsetState(ctx.clock().millis(), id, JournalEvent.Pop.NONE,
                    "lost", null, profile.failback().token()));
        }
    }

    private void refreshDue() {
        if (inFlight) {
            return; // an attempt is already under way; it will re-arm the refresh when it succeeds
        }
        if (registeredOn == Pop.BACKUP && profile.failback() == FailbackMode.REGISTRATION) {
            register(Pop.PRIMARY, Purpose.FAILBACK);
        } else {
            register(registeredOn == null ? Pop.PRIMARY : registeredOn, Purpose.REFRESH);
        }
    }

    private void armFailbackTimer() {
        failbackTimer = ctx.transactions().scheduler().schedule(this::failbackDue,
                profile.failbackTimeout().toNanos(), TimeUnit.NANOSECONDS);
    }

    private void failbackDue() {
        failbackTimer = null;
        if (registeredOn != Pop.BACKUP || stopped) {
            return;
        }
        if (inFlight) {
            // Busy with another attempt: look again shortly rather than interleave two attempts.
            failbackTimer = ctx.transactions().scheduler().schedule(this::failbackDue,
                    Math.max(1, profile.retryDelay().toNanos()), TimeUnit.NANOSECONDS);
            return;
        }
        register(Pop.PRIMARY, Purpose.FAILBACK);
    }

    private void attemptFailed(int retryAfterSeconds, SipResponse lastResponse) {
        inFlight = false;
        observer.onAttemptEnded(this, attemptPurpose, attemptPop, false, lastResponse);
        if (attemptPurpose == Purpose.UNREGISTER) {
            stop(); // leaving anyway: the binding will expire on its own
            return;
        }
        if (attemptPurpose == Purpose.FAILBACK) {
            // The primary is still not taking us: renew on the backup now, before that lapses.
            if (profile.failback() == FailbackMode.DURATION) {
                armFailbackTimer();
            }
            register(Pop.BACKUP, Purpose.REFRESH);
            return;
        }
        failures++;
        if (failures >= profile.failoverAfter()) {
            failures = 0;
            Pop next = attemptPop.other();
            register(next, next == Pop.BACKUP ? Purpose.FAILOVER : Purpose.RETRY);
            return;
        }
        long delay = profile.retryDelay().toNanos();
        if (retryAfterSeconds > 0) {
            // Retry-After is in real seconds on the wire; a time-scaled server states it scaled already.
            delay = Math.max(delay, TimeUnit.SECONDS.toNanos(retryAfterSeconds));
        }
        Pop pop = attemptPop;
        inFlight = true; // waiting to retry counts as in flight: a refresh must not start a second attempt
        retryTimer = ctx.transactions().scheduler().schedule(() -> {
            inFlight = false;
            register(pop, Purpose.RETRY);
        }, delay, TimeUnit.NANOSECONDS);
    }

    // ---- helpers ----------------------------------------------------------------------------

    private Pop popOf(ClientTransaction tx) {
        InetSocketAddress target = tx.target();
        return target.equals(ctx.address(Pop.PRIMARY)) ? Pop.PRIMARY : Pop.BACKUP;
    }

    private static String outcomeToken(TransactionOutcome outcome, SipResponse response) {
        return switch (outcome) {
            case TIMEOUT -> "timeout";
            case TRANSPORT_ERROR -> "error";
            case RESPONSE -> response.isSuccess() ? "ok"
                    : (response.statusCode() == 401 || response.statusCode() == 407) ? "challenged" : "rejected";
        };
    }

    private static void cancel(Scheduler.Timeout t) {
        if (t != null) {
            t.cancel();
        }
    }
}
