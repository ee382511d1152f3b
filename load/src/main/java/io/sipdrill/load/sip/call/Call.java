package io.sipdrill.load.sip.call;

import io.sipdrill.load.sip.codec.SipMessage;
import io.sipdrill.load.sip.codec.SipResponse;
import io.sipdrill.load.sip.transaction.ClientTransaction;
import io.sipdrill.load.sip.transaction.TransactionListener;
import io.sipdrill.load.sip.transaction.TransactionOutcome;
import io.sipdrill.load.sip.transport.LocalSocket;
import io.sipdrill.load.time.Scheduler;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * What the caller's and the callee's side of a call share: the dialog once there is one, the media
 * leg, hanging up with BYE, answering the other side's BYE, and ending exactly once. All methods
 * run on the event loop thread.
 */
public abstract sealed class Call permits OutgoingCall, IncomingCall {

    final CallLayer layer;
    final LocalSocket socket;
    final String localUser;
    final String callId;
    final String localTag;
    final long createdNanos;
    CallListener listener;
    Dialog dialog;
    MediaLeg media;
    long answeredNanos = -1;
    int retransmits;
    private boolean byeSent;
    private boolean ended;
    private Object attachment;
    private java.util.function.Consumer<Integer> byeObserver;

    Call(CallLayer layer, LocalSocket socket, String localUser, String callId, String localTag, CallListener listener) {
        this.layer = layer;
        this.socket = socket;
        this.localUser = localUser;
        this.callId = callId;
        this.localTag = localTag;
        this.listener = listener;
        this.createdNanos = layer.scheduler().nanoTime();
    }

    /** Ends the call from this side: BYE when answered, CANCEL (caller) or 480 (callee) before. */
    public abstract void hangup();

    /** True if {@code request} belongs to this call (same dialog, or the same INVITE transaction). */
    abstract boolean matches(SipMessage request);

    /** A request for this call arrived. */
    abstract void onRequest(SipMessage request, InetSocketAddress source);

    public String callId() {
        return callId;
    }

    public String localUser() {
        return localUser;
    }

    public boolean isAnswered() {
        return answeredNanos >= 0;
    }

    public boolean isEnded() {
        return ended;
    }

    public Scheduler scheduler() {
        return layer.scheduler();
    }

    /** Whatever the owner attached (a handset, a scenario's session…). */
    @SuppressWarnings("unchecked")
    public <T> T attachment() {
        return (T) attachment;
    }

    public void attach(Object value) {
        this.attachment = value;
    }

    /** Replaces who hears about this call (e.g. a scenario waiting for an incoming call). */
    public void listener(CallListener listener) {
        this.listener = listener == null ? CallListener.IGNORE : listener;
    }

    /**
     * Tells {@code observer} how this side's BYE ended: its final status code, or null when it timed
     * out or could not be sent. The call's end ({@link CallListener#onEnded}) does not say, and a
     * scripted hang-up step is judged by exactly that answer.
     */
    public void whenByeAnswered(java.util.function.Consumer<Integer> observer) {
        this.byeObserver = observer;
    }

    // ---- shared steps ------------------------------------------------------------------------

    void sendBye() {
        if (byeSent || dialog == null) {
            return;
        }
        byeSent = true;
        String branch = layer.transactions().newBranch();
        byte[] bye = CallMessages.inDialog("BYE", dialog, socket.hostPort(), branch, nextLocalCseq());
        layer.transactions().start(branch, "BYE", this::send, dialog.nextHop(), bye, new TransactionListener() {
            @Override
            public void onCompleted(ClientTransaction tx, TransactionOutcome outcome, SipResponse response) {
                if (byeObserver != null) {
                    byeObserver.accept(response == null ? null : response.statusCode());
                }
                byeCompleted(outcome, response);
            }

            @Override
            public void onRetransmit(ClientTransaction tx, int transmission) {
                retransmits++;
            }
        }, this);
    }

    /** The BYE we sent got its answer (or timed out): the call is over either way. */
    abstract void byeCompleted(TransactionOutcome outcome, SipResponse response);

    abstract long nextLocalCseq();

    /** The other side hung up: 200 to its BYE, then end. */
    void onBye(SipMessage bye, InetSocketAddress source) {
        respond(bye, source, 200, "OK");
        if (!ended) {
            remoteHungUp();
        }
    }

    abstract void remoteHungUp();

    void respond(SipMessage request, InetSocketAddress source, int status, String reason) {
        send(CallMessages.response(request, status, reason, localTag, null, null), source);
    }

    boolean send(byte[] message, InetSocketAddress target) {
        return socket.send(ByteBuffer.wrap(message), target);
    }

    void startMedia(String sdp) {
        if (media == null || sdp == null || sdp.isBlank()) {
            return;
        }
        try {
            io.sipdrill.load.sdp.SdpMedia remote = io.sipdrill.load.sdp.Sdp.parse(sdp);
            int pt = remote.firstSupported().map(io.sipdrill.load.rtp.G711::payloadType).orElse(0);
            media.start(remote.rtp(), pt);
        } catch (IllegalArgumentException e) {
            layer.onBadSdp();
        }
    }

    double millisSince(long nanos) {
        return (layer.scheduler().nanoTime() - nanos) / 1e6;
    }

    Double talkMs() {
        return answeredNanos < 0 ? null : millisSince(answeredNanos);
    }

    /** Stops media, reports the result once, and keeps the call matchable for 64·T1 to absorb retransmissions. */
    void end(CallResult result) {
        if (ended) {
            return;
        }
        ended = true;
        layer.ended(this);
        layer.scheduler().schedule(() -> layer.forget(this), layer.transactions().timers().timeoutNanos(),
                TimeUnit.NANOSECONDS);
        listener.onEnded(this, result);
    }

    MediaStats stopMedia() {
        return media == null ? null : media.stop();
    }
}
