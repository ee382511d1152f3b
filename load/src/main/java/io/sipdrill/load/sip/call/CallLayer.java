package io.sipdrill.load.sip.call;

import io.sipdrill.load.sip.codec.HeaderValues;
import io.sipdrill.load.sip.codec.SipMessage;
import io.sipdrill.load.sip.transaction.TransactionLayer;
import io.sipdrill.load.sip.transport.LocalSocket;
import io.sipdrill.load.time.Scheduler;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The calls of one event loop: who answers new INVITEs (by the Request-URI's user), and which live
 * call a request belongs to (by Call-ID, then tag or branch: a forked INVITE reaches two local
 * handsets with one Call-ID). Confined to the loop thread.
 *
 * <pre>{@code
 * CallLayer calls = engine.calls();
 * calls.answerFor("1000001", call -> { call.ring(); call.scheduler().schedule(call::answer, 2, SECONDS); });
 * OutgoingCall c = calls.call(engine.sockets().get(0), "1000001", "00441632960001", pop, listener);
 * }</pre>
 */
public final class CallLayer {

    private final TransactionLayer transactions;
    private final String domain;
    private final Map<String, IncomingCallHandler> handlers = new HashMap<>();
    private final Map<String, List<Call>> byCallId = new HashMap<>();
    private volatile Media media = Media.NONE;
    private IncomingCallHandler anyUser;
    private long nextCall;
    private volatile long callsStarted;
    private volatile long callsReceived;
    private volatile int liveCalls;
    private volatile long unmatchedRequests;
    private volatile long badSdp;

    public CallLayer(TransactionLayer transactions, String domain) {
        this.transactions = transactions;
        this.domain = domain;
    }

    /** Where answered calls get their RTP from; {@link Media#NONE} (the default) for signalling only. */
    public void media(Media media) {
        this.media = media == null ? Media.NONE : media;
    }

    /** {@code handler} answers INVITEs for {@code user}. */
    public void answerFor(String user, IncomingCallHandler handler) {
        handlers.put(user, handler);
    }

    public void stopAnswering(String user) {
        handlers.remove(user);
    }

    /** Answers INVITEs for any user without a handler of its own (the carrier, the voicemail). */
    public void answerAny(IncomingCallHandler handler) {
        this.anyUser = handler;
    }

    /**
     * Places a call from {@code fromUser} (sending from {@code socket}) to {@code toUser} in this
     * layer's domain, through {@code proxy}. Call on the loop.
     */
    public OutgoingCall call(LocalSocket socket, String fromUser, String toUser, InetSocketAddress proxy,
                             CallListener listener) {
        return call(socket, fromUser, toUser, proxy, listener, null);
    }

    /**
     * As {@link #call(LocalSocket, String, String, InetSocketAddress, CallListener)}, offering
     * {@code sdpOffer} instead of media of our own (a B2BUA passing its caller's offer on); null
     * offers our own.
     */
    public OutgoingCall call(LocalSocket socket, String fromUser, String toUser, InetSocketAddress proxy,
                             CallListener listener, String sdpOffer) {
        String id = Long.toString(nextCall++, 36);
        String callId = fromUser + "-c" + id + "-" + Long.toString(System.nanoTime() & 0xffffffffL, 36) + "@sipdrill";
        OutgoingCall call = new OutgoingCall(this, socket, fromUser, toUser, proxy, callId, "c" + id,
                listener == null ? CallListener.IGNORE : listener, sdpOffer);
        track(call);
        callsStarted++;
        call.start();
        return call;
    }

    /** A request arrived on {@code socket}; hands it to its call, or starts one for a new INVITE. */
    public void onRequest(LocalSocket socket, InetSocketAddress source, SipMessage request) {
        List<Call> calls = byCallId.get(request.callId());
        if (calls != null) {
            for (Call call : calls) {
                if (call.matches(request)) {
                    call.onRequest(request, source);
                    return;
                }
            }
        }
        switch (request.method()) {
            case "INVITE" -> {
                if (request.toTag() == null) {
                    newInvite(socket, source, request);
                } else {
                    stateless(socket, source, request, 481, "Call/Transaction Does Not Exist");
                }
            }
            case "ACK" -> unmatchedRequests++; // an ACK never gets a response
            case "OPTIONS" -> stateless(socket, source, request, 200, "OK");
            case "BYE", "CANCEL" -> {
                unmatchedRequests++;
                stateless(socket, source, request, 481, "Call/Transaction Does Not Exist");
            }
            default -> stateless(socket, source, request, 405, "Method Not Allowed");
        }
    }

    /** Hangs up every call not yet ended (BYE, CANCEL or 480): a run ending leaves no call half-recorded. */
    public void hangupAll() {
        for (List<Call> calls : List.copyOf(byCallId.values())) {
            for (Call call : List.copyOf(calls)) {
                if (!call.isEnded()) {
                    call.hangup();
                }
            }
        }
    }

    private void newInvite(LocalSocket socket, InetSocketAddress source, SipMessage invite) {
        String user = HeaderValues.user(invite.requestUri());
        IncomingCallHandler handler = handlers.getOrDefault(user, anyUser);
        if (handler == null) {
            stateless(socket, source, invite, 404, "Not Found");
            return;
        }
        IncomingCall call = new IncomingCall(this, socket, invite, source, "u" + Long.toString(nextCall++, 36));
        track(call);
        callsReceived++;
        handler.onInvite(call);
    }

    private void stateless(LocalSocket socket, InetSocketAddress source, SipMessage request, int status, String reason) {
        socket.send(java.nio.ByteBuffer.wrap(CallMessages.response(request, status, reason,
                "s" + Long.toString(nextCall++, 36), null, null)), source);
    }

    private void track(Call call) {
        byCallId.computeIfAbsent(call.callId(), k -> new ArrayList<>(1)).add(call);
        liveCalls++;
    }

    void ended(Call call) {
        liveCalls--;
    }

    /** Stops matching an ended call (its lingering for retransmissions is over). */
    void forget(Call call) {
        List<Call> calls = byCallId.get(call.callId());
        if (calls != null && calls.remove(call) && calls.isEmpty()) {
            byCallId.remove(call.callId());
        }
    }

    void onBadSdp() {
        badSdp++;
    }

    String domain() {
        return domain;
    }

    Media media() {
        return media;
    }

    TransactionLayer transactions() {
        return transactions;
    }

    Scheduler scheduler() {
        return transactions.scheduler();
    }

    public long callsStarted() { return callsStarted; }
    public long callsReceived() { return callsReceived; }
    /** Calls not yet ended (ringing or talking). */
    public int liveCalls() { return liveCalls; }
    /** In-dialog requests for no call we know (late BYE/CANCEL/ACK). */
    public long unmatchedRequests() { return unmatchedRequests; }
    public long badSdp() { return badSdp; }
}
