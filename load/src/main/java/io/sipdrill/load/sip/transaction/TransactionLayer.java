package io.sipdrill.load.sip.transaction;

import io.sipdrill.load.sip.codec.SipResponse;
import io.sipdrill.load.time.Scheduler;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The table of live client transactions of one event loop, keyed by Via branch (RFC 3261 §17.1.3;
 * our branches are unique per process, so the CSeq method check is a sanity check). Confined to
 * the loop thread: a plain HashMap, no locks.
 */
public final class TransactionLayer {

    private final Scheduler scheduler;
    private final SipTimers timers;
    private final SipCounters counters = new SipCounters();
    private final Map<String, ClientTransaction> live = new HashMap<>(1 << 14);
    // INVITEs apart: a CANCEL shares its INVITE's branch (RFC 3261 §9.1) and lives in the other table.
    private final Map<String, InviteClientTransaction> liveInvites = new HashMap<>();
    private final String branchPrefix;
    private long nextBranch;

    public TransactionLayer(Scheduler scheduler, SipTimers timers) {
        this.scheduler = scheduler;
        this.timers = timers;
        // The magic cookie (RFC 3261 §8.1.1.7) plus a per-process prefix so two injectors never collide.
        this.branchPrefix = "z9hG4bK" + Long.toString(ProcessHandle.current().pid(), 36) + "x"
                + Integer.toString(System.identityHashCode(this), 36) + "x";
    }

    /** A branch unique within this process; call it before writing the request's Via. */
    public String newBranch() {
        return branchPrefix + Long.toString(nextBranch++, 36);
    }

    /**
     * Starts a transaction: sends the request now and arms Timers E and F.
     *
     * @param branch the branch already written in the request's top Via
     */
    public ClientTransaction start(String branch, String method, ClientTransaction.Sender sender,
                                   InetSocketAddress target, byte[] request, TransactionListener listener,
                                   Object attachment) {
        ClientTransaction tx = new ClientTransaction(this, branch, method, sender, target, request, listener, attachment);
        live.put(branch, tx);
        counters.transactionsStarted++;
        tx.start();
        return tx;
    }

    /**
     * Starts an INVITE transaction: sends the INVITE now and arms Timers A and B.
     *
     * @param ackForFailure writes the ACK for a 3xx–6xx (same branch; To tag from the response)
     */
    public InviteClientTransaction startInvite(String branch, ClientTransaction.Sender sender, InetSocketAddress target,
                                               byte[] invite, java.util.function.Function<SipResponse, byte[]> ackForFailure,
                                               InviteTransactionListener listener) {
        InviteClientTransaction tx = new InviteClientTransaction(this, branch, sender, target, invite, ackForFailure, listener);
        liveInvites.put(branch, tx);
        counters.transactionsStarted++;
        tx.start();
        return tx;
    }

    /** Routes a response to its transaction; a response for no live transaction is counted as stray. */
    public void onResponse(SipResponse response) {
        if ("INVITE".equals(response.cseqMethod())) {
            InviteClientTransaction invite = liveInvites.get(response.branch());
            if (invite == null) {
                counters.strayResponses++;
            } else {
                invite.onResponse(response);
            }
            return;
        }
        ClientTransaction tx = live.get(response.branch());
        if (tx == null || !tx.method().equals(response.cseqMethod())) {
            counters.strayResponses++;
            return;
        }
        tx.onResponse(response);
    }

    /**
     * A stream connection from {@code sender} to {@code target} failed (refused, handshake rejected,
     * closed): every non-INVITE transaction still waiting on it ends with a transport error now,
     * rather than at Timer F. Rare, so a walk over the table is fine.
     */
    public void onTransportFailure(ClientTransaction.Sender sender, InetSocketAddress target) {
        List<ClientTransaction> failed = new ArrayList<>();
        for (ClientTransaction tx : live.values()) {
            if (tx.sender() == sender && tx.target().equals(target)) {
                failed.add(tx);
            }
        }
        failed.forEach(ClientTransaction::onTransportFailure);
    }

    public void onMalformed() {
        counters.malformedMessages++;
    }

    public void onUnexpectedRequest() {
        counters.unexpectedRequests++;
    }

    void remove(ClientTransaction tx) {
        live.remove(tx.branch(), tx);
    }

    void removeInvite(InviteClientTransaction tx) {
        liveInvites.remove(tx.branch(), tx);
    }

    public int liveTransactions() {
        return live.size() + liveInvites.size();
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    public SipTimers timers() {
        return timers;
    }

    public SipCounters counters() {
        return counters;
    }
}
