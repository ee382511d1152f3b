package io.sipdrill.load.gatling.internal;

import io.gatling.core.session.Session;
import io.sipdrill.load.gatling.check.SipCheck;
import io.sipdrill.load.handset.Handset;
import io.sipdrill.load.handset.HandsetObserver;
import io.sipdrill.load.handset.Pop;
import io.sipdrill.load.handset.Purpose;
import io.sipdrill.load.sip.codec.SipResponse;
import io.sipdrill.load.sip.transaction.TransactionOutcome;

import java.util.List;
import java.util.concurrent.Executor;

/**
 * One virtual user's handset and what it still owes Gatling. Every transaction the handset runs
 * becomes a statistics record: named after the scenario step waiting for it (its
 * {@link Pending}), or {@code "REGISTER (refresh)"}, {@code "(retry)"}, {@code "(failover)"},
 * {@code "(failback)"} for what the handset does on its own afterwards. Confined to the SIP event
 * loop.
 *
 * <p>A record is handed to Gatling one loop task later, not at once: the handset decides whether a
 * challenge was answered or ended the attempt (wrong password) only after reporting the
 * transaction, and that decision can still turn the record KO.
 */
public final class SipUser implements HandsetObserver {

    /** A scenario step waiting for the handset's attempt of {@code purpose} to end. */
    public record Pending(Purpose purpose, String name, Session session, List<SipCheck> checks, SipActionBase action) {
    }

    private final Executor loop;
    private final Handset handset;
    private SipActionBase owner;
    private Session ownerSession;
    private Pending pending;
    private SipTxRecord last;
    private boolean retired;

    /**
     * @param owner   the register action that created the handset: it reports background work
     * @param session that action's session: background work is logged under its scenario
     */
    public SipUser(Executor loop, Handset handset, SipActionBase owner, Session session) {
        this.loop = loop;
        this.handset = handset;
        this.owner = owner;
        this.ownerSession = session;
    }

    public Handset handset() {
        return handset;
    }

    /** True once the handset unregistered (or gave up trying): a new register needs a new handset. */
    public boolean retired() {
        return retired;
    }

    /** A later register step of the same user takes over background reporting. */
    public void adopt(SipActionBase action, Session session) {
        this.owner = action;
        this.ownerSession = session;
    }

    /** The next attempt of {@code p.purpose()} ends {@code p}'s scenario step. */
    public void expect(Pending p) {
        this.pending = p;
    }

    /** Background transactions are named by purpose; an initial REGISTER with no step waiting is plain "REGISTER". */
    public static String backgroundName(Purpose purpose) {
        return purpose == Purpose.INITIAL ? "REGISTER" : "REGISTER (" + purpose.token() + ")";
    }

    @Override
    public void onTransaction(Handset h, Purpose purpose, Pop pop, TransactionOutcome outcome, SipResponse response,
                              long elapsedNanos) {
        Pending p = pending;
        boolean step = p != null && p.purpose() == purpose;
        SipActionBase reporter = step ? p.action() : owner;
        long end = reporter.nowMillis();
        long start = end - Math.round(elapsedNanos / 1e6);
        String failure = SipVerdict.transactionFailure(outcome, response, true);
        if (outcome == TransactionOutcome.TIMEOUT) {
            // Name the silent peer: in Gatling's error table this reads as "wrong or dead registrar".
            java.net.InetSocketAddress to = h.address(pop);
            failure = "timeout: no response from " + pop.name().toLowerCase(java.util.Locale.ROOT) + " "
                    + to.getAddress().getHostAddress() + ":" + to.getPort();
        }
        SipTxRecord record = new SipTxRecord(reporter, step ? p.session() : ownerSession, step,
                step ? p.name() : backgroundName(purpose), purpose, start, end,
                response == null ? null : response.statusCode(), failure == null, failure);
        last = record;
        loop.execute(() -> handOver(record));
    }

    @Override
    public void onAttemptEnded(Handset h, Purpose purpose, Pop pop, boolean succeeded, SipResponse lastResponse) {
        SipTxRecord record = last != null && last.tag() == purpose ? last : null;
        if (purpose == Purpose.UNREGISTER) {
            retired = true; // the handset has stopped either way
        }
        Pending p = pending;
        if (p == null || p.purpose() != purpose) {
            if (!succeeded && record != null) {
                record.fail(SipVerdict.describe(lastResponse));
            }
            return;
        }
        pending = null;
        SipVerdict verdict;
        if (!succeeded) {
            verdict = SipVerdict.failed(record != null && !record.ok() ? record.message()
                    : SipVerdict.describe(lastResponse));
        } else {
            verdict = SipVerdict.of(p.checks(), lastResponse, p.session());
        }
        if (verdict.failure() != null && record != null) {
            record.fail(verdict.failure());
        }
        if (record != null) {
            // logged first, then the user moves on: the step's statistics never trail the user
            record.then(() -> p.action().proceed(p.session(), verdict.failure(), verdict.saves()));
        } else {
            p.action().proceedLater(p.session(), verdict.failure(), verdict.saves());
        }
    }

    private void handOver(SipTxRecord record) {
        if (last == record) {
            last = null;
        }
        record.reporter().report(record);
    }
}
