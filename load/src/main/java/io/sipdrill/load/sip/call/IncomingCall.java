package io.sipdrill.load.sip.call;

import io.sipdrill.load.sip.codec.SipMessage;
import io.sipdrill.load.sip.codec.SipResponse;
import io.sipdrill.load.sip.transaction.TransactionOutcome;
import io.sipdrill.load.sip.transport.LocalSocket;
import io.sipdrill.load.time.Scheduler;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The callee's side (UAS, RFC 3261 §13.3): it rings, answers with an SDP answer and resends the
 * 2xx until the ACK arrives (§13.3.1.4), or rejects with a final error resent until its ACK
 * (Timer G/H, §17.2.1). A retransmitted INVITE gets the last response again; a CANCEL before the
 * answer gets 200 and the INVITE 487.
 */
public final class IncomingCall extends Call {

    private final SipMessage invite;
    private final InetSocketAddress source;
    private final String inviteBranch;
    private byte[] lastResponse;
    private int finalStatus;
    private boolean acked;
    private long localCseq;
    private Scheduler.Timeout resend;
    private Scheduler.Timeout giveUp;
    private long resendInterval;
    private String contactUser;

    IncomingCall(CallLayer layer, LocalSocket socket, SipMessage invite, InetSocketAddress source, String localTag) {
        super(layer, socket, io.sipdrill.load.sip.codec.HeaderValues.user(invite.requestUri()), invite.callId(),
                localTag, CallListener.IGNORE);
        this.invite = invite;
        this.source = source;
        this.inviteBranch = invite.branch();
        this.contactUser = localUser;
    }

    /** Answers as another user than the one dialled (a voicemail box answers as {@code vm-<ext>}). */
    public void answerAs(String user) {
        this.contactUser = user;
    }

    /** The number that was dialled (the Request-URI user), e.g. an extension or a voicemail box. */
    public String calledUser() {
        return localUser;
    }

    /** Who is calling: the From URI's user. */
    public String callingUser() {
        return io.sipdrill.load.sip.codec.HeaderValues.user(
                io.sipdrill.load.sip.codec.HeaderValues.uri(invite.headers().first("From")));
    }

    /** The SDP offer of the INVITE (what a B2BUA passes on to its other leg). */
    public String offerSdp() {
        return invite.body();
    }

    /** True once this side sent its 200 (answered, perhaps not yet ACKed). */
    public boolean answerSent() {
        return finalStatus == 200;
    }

    /** Sends 180 Ringing. */
    public void ring() {
        if (finalStatus == 0 && !isEnded()) {
            sendResponse(180, "Ringing", null);
            listener.onRinging(this);
        }
    }

    /**
     * Answers with somebody else's SDP and no media of our own: a B2BUA bridging two legs lets
     * RTP flow end to end.
     */
    public void answer(String sdp) {
        if (finalStatus != 0 || isEnded()) {
            return;
        }
        dialog = dialogFromInvite();
        finalStatus = 200;
        sendResponse(200, "OK", sdp);
        armResend();
    }

    private Dialog dialogFromInvite() {
        return new Dialog(callId, localTag, invite.fromTag(),
                "sip:" + localUser + "@" + layer.domain(),
                io.sipdrill.load.sip.codec.HeaderValues.uri(invite.headers().first("From")),
                invite.contactUri() == null ? invite.requestUri() : invite.contactUri(),
                java.util.List.copyOf(invite.recordRoutes()));
    }

    /** Answers: 200 with an SDP answer, resent (T1 doubling to T2) until the ACK, for at most 64·T1. */
    public void answer() {
        if (finalStatus != 0 || isEnded()) {
            return;
        }
        media = layer.media().open(socket.address());
        io.sipdrill.load.rtp.G711 codec = io.sipdrill.load.rtp.G711.PCMU;
        InetSocketAddress remoteRtp = null;
        try {
            io.sipdrill.load.sdp.SdpMedia offer = io.sipdrill.load.sdp.Sdp.parse(invite.body());
            codec = offer.firstSupported().orElse(codec);
            remoteRtp = offer.rtp();
        } catch (IllegalArgumentException e) {
            layer.onBadSdp();
        }
        String sdp = io.sipdrill.load.sdp.Sdp.answer(createdNanos & 0xffffffL, media.local(), codec);
        dialog = dialogFromInvite();
        finalStatus = 200;
        sendResponse(200, "OK", sdp);
        if (remoteRtp != null) {
            media.start(remoteRtp, codec.payloadType());
        }
        armResend();
    }

    /** Rejects with a final error (486 Busy Here, 480, 603…), resent until its ACK. */
    public void reject(int status, String reason) {
        if (finalStatus != 0 || isEnded()) {
            return;
        }
        finalStatus = status;
        sendResponse(status, reason, null);
        armResend();
        end(new CallResult(CallOutcome.FAILED, status, CallResult.causeOf(status), null, null, null, null, 0,
                retransmits, null));
    }

    @Override
    public void hangup() {
        if (isEnded()) {
            return;
        }
        if (finalStatus == 200) {
            cancel(resend);
            sendBye();
        } else if (finalStatus == 0) {
            reject(480, "Temporarily Unavailable");
        }
    }

    private void sendResponse(int status, String reason, String sdp) {
        lastResponse = CallMessages.response(invite, status, reason, localTag,
                "sip:" + contactUser + "@" + socket.hostPort(), sdp);
        send(lastResponse, source);
    }

    private void armResend() {
        resendInterval = layer.transactions().timers().t1Nanos();
        resend = scheduler().schedule(this::resendFinal, resendInterval, TimeUnit.NANOSECONDS);
        giveUp = scheduler().schedule(this::noAck, layer.transactions().timers().timeoutNanos(), TimeUnit.NANOSECONDS);
    }

    private void resendFinal() {
        if (acked) {
            return;
        }
        retransmits++;
        send(lastResponse, source);
        resendInterval = Math.min(resendInterval * 2, layer.transactions().timers().t2Nanos());
        resend = scheduler().schedule(this::resendFinal, resendInterval, TimeUnit.NANOSECONDS);
    }

    private void noAck() {
        if (acked) {
            return;
        }
        cancel(resend);
        if (finalStatus == 200) {
            // RFC 3261 §13.3.1.4: no ACK for our 2xx in 64·T1 — confirm, then end the dialog with BYE.
            sendBye();
            end(new CallResult(CallOutcome.FAILED, 200, "no_ack", localUser, null, null, null, 0, retransmits,
                    stopMedia()));
        }
    }

    // ---- requests from the caller's side ----------------------------------------------------------

    @Override
    boolean matches(SipMessage request) {
        return localTag.equals(request.toTag()) || inviteBranch != null && inviteBranch.equals(request.branch());
    }

    @Override
    void onRequest(SipMessage request, InetSocketAddress from) {
        switch (request.method()) {
            case "INVITE" -> {
                if (request.toTag() == null && lastResponse != null) {
                    send(lastResponse, source); // a retransmitted INVITE: our last response again
                } else if (request.toTag() != null) {
                    respond(request, from, 488, "Not Acceptable Here"); // re-INVITE: not supported yet
                }
            }
            case "ACK" -> onAck();
            case "CANCEL" -> onCancel(request, from);
            case "BYE" -> onBye(request, from);
            default -> respond(request, from, 501, "Not Implemented");
        }
    }

    private void onAck() {
        if (acked) {
            return;
        }
        acked = true;
        cancel(resend);
        cancel(giveUp);
        if (finalStatus == 200 && !isEnded()) {
            answeredNanos = scheduler().nanoTime();
            listener.onAnswered(this);
        }
    }

    private void onCancel(SipMessage cancel, InetSocketAddress from) {
        respond(cancel, from, 200, "OK");
        if (finalStatus != 0) {
            return; // too late: the INVITE already has its final response
        }
        finalStatus = 487;
        sendResponse(487, "Request Terminated", null);
        armResend();
        end(new CallResult(CallOutcome.CANCELLED, 487, "cancelled", null, null, null, null, 0, retransmits, stopMedia()));
    }

    @Override
    void remoteHungUp() {
        cancel(resend);
        cancel(giveUp);
        end(new CallResult(CallOutcome.ANSWERED, 200, null, localUser, setupMs(), null, talkMs(), 0, retransmits,
                stopMedia()));
    }

    @Override
    void byeCompleted(TransactionOutcome outcome, SipResponse response) {
        end(new CallResult(CallOutcome.ANSWERED, 200, null, localUser, setupMs(), null, talkMs(), 0, retransmits,
                stopMedia()));
    }

    @Override
    long nextLocalCseq() {
        // Our own CSeq space in this dialog starts anywhere (RFC 3261 §12.2.1.1); the caller's is separate.
        return ++localCseq;
    }

    private Double setupMs() {
        return answeredNanos < 0 ? null : (answeredNanos - createdNanos) / 1e6;
    }

    private static void cancel(Scheduler.Timeout t) {
        if (t != null) {
            t.cancel();
        }
    }
}
