package io.sipdrill.load.sip.call;

import io.sipdrill.load.sip.codec.HeaderValues;
import io.sipdrill.load.sip.codec.SipMessage;
import io.sipdrill.load.sip.codec.SipParseException;
import io.sipdrill.load.sip.codec.SipResponse;
import io.sipdrill.load.sip.transaction.ClientTransaction;
import io.sipdrill.load.sip.transaction.InviteClientTransaction;
import io.sipdrill.load.sip.transaction.InviteTransactionListener;
import io.sipdrill.load.sip.transaction.TransactionListener;
import io.sipdrill.load.sip.transaction.TransactionOutcome;
import io.sipdrill.load.sip.transport.LocalSocket;
import io.sipdrill.load.time.Scheduler;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The caller's side (UAC, RFC 3261 §13.2): INVITE with an SDP offer through a proxy, ringing,
 * the 2xx ACKed end to end through the route set, media started from the SDP answer, and the end
 * by BYE, by CANCEL before an answer, or by a final error.
 */
public final class OutgoingCall extends Call implements InviteTransactionListener {

    private final String toUri;
    private final InetSocketAddress proxy;
    private InviteClientTransaction invite;
    private SipMessage inviteMessage;
    private long localCseq = 1;
    private long firstRingNanos = -1;
    private boolean provisionalSeen;
    private boolean cancelRequested;
    private boolean cancelSent;
    private byte[] ack;
    private Integer finalCode;
    private String answeredBy;
    private final String sdpOffer;       // null: offer our own media
    private String answerSdp;

    OutgoingCall(CallLayer layer, LocalSocket socket, String fromUser, String toUser, InetSocketAddress proxy,
                 String callId, String localTag, CallListener listener, String sdpOffer) {
        super(layer, socket, fromUser, callId, localTag, listener);
        this.toUri = "sip:" + toUser + "@" + layer.domain();
        this.proxy = proxy;
        this.sdpOffer = sdpOffer;
    }

    void start() {
        String sdp = sdpOffer;
        if (sdp == null) {
            media = layer.media().open(socket.address());
            sdp = io.sipdrill.load.sdp.Sdp.offer(createdNanos & 0xffffffL, media.local(),
                    java.util.List.of(io.sipdrill.load.rtp.G711.PCMU, io.sipdrill.load.rtp.G711.PCMA));
        }
        String branch = layer.transactions().newBranch();
        byte[] request = CallMessages.invite(toUri, socket.hostPort(), branch, localUri(), localTag, toUri, callId,
                localCseq, "sip:" + localUser + "@" + socket.hostPort(), sdp);
        try {
            inviteMessage = SipMessage.parse(request);
        } catch (SipParseException e) {
            throw new IllegalStateException("we wrote an INVITE we cannot read", e);
        }
        invite = layer.transactions().startInvite(branch, this::send, proxy, request,
                response -> CallMessages.sameTransaction("ACK", inviteMessage, response.message().headers().first("To")),
                this);
    }

    private String localUri() {
        return "sip:" + localUser + "@" + layer.domain();
    }

    /** The SDP of the 2xx (what a B2BUA hands to its other leg); null before the answer. */
    public String answerSdp() {
        return answerSdp;
    }

    /** The user in the 2xx's Contact (a voicemail box answers as {@code vm-…}); null before the answer. */
    public String answeredBy() {
        return answeredBy;
    }

    /** Where the INVITE went (the POP or proxy). */
    public InetSocketAddress proxy() {
        return proxy;
    }

    private Scheduler.Timeout giveUp;       // the caller's patience, when set
    private Scheduler.Timeout cancelGuard;  // 64·T1 after our CANCEL

    @Override
    public void hangup() {
        if (isEnded()) {
            return;
        }
        if (isAnswered()) {
            sendBye();
        } else {
            cancel();
        }
    }

    /** Gives up before an answer. RFC 3261 §9.1: a CANCEL waits for a provisional response. */
    public void cancel() {
        if (isAnswered() || isEnded()) {
            return;
        }
        cancelRequested = true;
        if (provisionalSeen) {
            sendCancel();
        }
    }

    private void sendCancel() {
        if (cancelSent) {
            return;
        }
        cancelSent = true;
        byte[] cancel = CallMessages.sameTransaction("CANCEL", inviteMessage, inviteMessage.headers().first("To"));
        layer.transactions().start(invite.branch(), "CANCEL", this::send, proxy, cancel, new TransactionListener() {
            @Override
            public void onCompleted(ClientTransaction tx, TransactionOutcome outcome, SipResponse response) {
                // The 487 to the INVITE ends the call; the guard below ends one whose INVITE never gets it.
            }

            @Override
            public void onRetransmit(ClientTransaction tx, int transmission) {
                retransmits++;
            }
        }, this);
        // RFC 3261 §9.1: no final response 64·T1 after the CANCEL (a proxy that lost the INVITE's
        // state, a PBX restarted mid-setup): the INVITE transaction is over and so is the call.
        cancelGuard = layer.scheduler().schedule(this::cancelUnanswered, layer.transactions().timers().timeoutNanos(),
                TimeUnit.NANOSECONDS);
    }

    /**
     * The caller's patience: cancels the call if it is still unanswered {@code nanos} from now,
     * whether it rings or only got 100 Trying (a setup a restarted PBX dropped never rings, and the
     * INVITE transaction leaves a proceeding call to its caller). On the loop.
     */
    public void giveUpAfter(long nanos) {
        cancelTimeout(giveUp);
        giveUp = layer.scheduler().schedule(this::cancel, nanos, TimeUnit.NANOSECONDS);
    }

    /** The call's own timers go with it: an ended call is not kept alive by a give-up still pending. */
    @Override
    void end(CallResult result) {
        cancelTimeout(giveUp);
        cancelTimeout(cancelGuard);
        super.end(result);
    }

    private static void cancelTimeout(Scheduler.Timeout t) {
        if (t != null) {
            t.cancel();
        }
    }

    private void cancelUnanswered() {
        if (isEnded() || isAnswered()) {
            return;
        }
        invite.abandon();
        end(result(CallOutcome.CANCELLED, "cancelled", stopMedia()));
    }

    // ---- INVITE transaction ---------------------------------------------------------------------

    @Override
    public void onProvisional(InviteClientTransaction tx, SipResponse response) {
        provisionalSeen = true;
        if (response.statusCode() > 100 && firstRingNanos < 0) {
            firstRingNanos = layer.scheduler().nanoTime();
            listener.onRinging(this);
        }
        if (cancelRequested) {
            sendCancel();
        }
    }

    @Override
    public void onFinal(InviteClientTransaction tx, SipResponse response) {
        finalCode = response.statusCode();
        if (!response.isSuccess()) {
            CallOutcome outcome = response.statusCode() == 487 && cancelRequested ? CallOutcome.CANCELLED : CallOutcome.FAILED;
            end(result(outcome, CallResult.causeOf(response.statusCode()), stopMedia()));
            return;
        }
        SipMessage ok = response.message();
        answeredNanos = layer.scheduler().nanoTime();
        String contact = ok.contactUri();
        answeredBy = contact == null ? null : HeaderValues.user(contact);
        dialog = new Dialog(callId, localTag, ok.toTag(), localUri(), toUri,
                contact == null ? toUri : contact, CallMessages.reversed(ok.recordRoutes()));
        ack = CallMessages.inDialog("ACK", dialog, socket.hostPort(), layer.transactions().newBranch(), 1);
        send(ack, dialog.nextHop());
        if (cancelRequested) {
            sendBye(); // answered while our CANCEL crossed it: RFC 3261 §9.1 says hang up with BYE
            return;
        }
        answerSdp = ok.body();
        startMedia(ok.body());
        listener.onAnswered(this);
    }

    @Override
    public void on2xxRetransmission(InviteClientTransaction tx, SipResponse response) {
        if (ack != null && dialog != null) {
            retransmits++;
            send(ack, dialog.nextHop());
        }
    }

    @Override
    public void onTimeout(InviteClientTransaction tx, boolean transportError) {
        end(result(CallOutcome.FAILED, transportError ? "error" : "timeout", stopMedia()));
    }

    @Override
    public void onRetransmit(InviteClientTransaction tx, int transmission) {
        retransmits++;
    }

    // ---- dialog ---------------------------------------------------------------------------------

    @Override
    boolean matches(SipMessage request) {
        return localTag.equals(request.toTag());
    }

    @Override
    void onRequest(SipMessage request, InetSocketAddress source) {
        switch (request.method()) {
            case "BYE" -> onBye(request, source);
            case "ACK" -> { }
            default -> respond(request, source, 501, "Not Implemented");
        }
    }

    @Override
    void remoteHungUp() {
        Double talk = talkMs();
        end(new CallResult(CallOutcome.ANSWERED, finalCode, null, answeredBy, setupMs(), pddMs(), talk,
                invite.transmissions(), retransmits, stopMedia()));
    }

    @Override
    void byeCompleted(TransactionOutcome outcome, SipResponse response) {
        Double talk = talkMs();
        MediaStats stats = stopMedia();
        if (cancelRequested) {
            end(result(CallOutcome.CANCELLED, "cancelled", stats));
            return;
        }
        end(new CallResult(CallOutcome.ANSWERED, finalCode, null, answeredBy, setupMs(), pddMs(), talk,
                invite.transmissions(), retransmits, stats));
    }

    @Override
    long nextLocalCseq() {
        return ++localCseq;
    }

    private CallResult result(CallOutcome outcome, String cause, MediaStats stats) {
        return new CallResult(outcome, finalCode, cause, answeredBy, null, pddMs(), null,
                invite == null ? 0 : invite.transmissions(), retransmits, stats);
    }

    private Double setupMs() {
        return answeredNanos < 0 ? null : (answeredNanos - createdNanos) / 1e6;
    }

    private Double pddMs() {
        return firstRingNanos < 0 ? null : (firstRingNanos - createdNanos) / 1e6;
    }
}
