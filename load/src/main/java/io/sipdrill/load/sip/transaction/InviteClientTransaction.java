package io.sipdrill.load.sip.transaction;

import io.sipdrill.load.sip.codec.SipResponse;
import io.sipdrill.load.time.Scheduler;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * An INVITE client transaction over UDP (RFC 3261 §17.1.1 with RFC 6026's Accepted state).
 * Timer A resends the INVITE at T1, 2·T1, 4·T1… until a provisional arrives; Timer B gives up
 * after 64·T1 unless one did (§17.1.1.2: Timer B acts in Calling only; a call that rings is ended
 * by its caller giving up, not by the transaction — with time-scaled timers 64·T1 is shorter than
 * a ring). A 3xx–6xx is acknowledged here with the same branch and absorbed for Timer D;
 * a 2xx is handed to the caller, and later 2xx retransmissions too (Timer M), because the ACK
 * for a 2xx belongs to the dialog, not the transaction.
 */
public final class InviteClientTransaction {

    /** RFC 3261 §17.1.1.2 states plus RFC 6026 Accepted. */
    public enum State { CALLING, PROCEEDING, ACCEPTED, COMPLETED, TERMINATED }

    private final TransactionLayer layer;
    private final String branch;
    private final ClientTransaction.Sender sender;
    private final InetSocketAddress target;
    private final byte[] request;
    private final Function<SipResponse, byte[]> ackForFailure;
    private final InviteTransactionListener listener;
    private final long startNanos;
    private State state = State.CALLING;
    private long retransmitInterval;
    private int transmissions;
    private byte[] ack;
    private Scheduler.Timeout timerA;
    private Scheduler.Timeout timerB;

    InviteClientTransaction(TransactionLayer layer, String branch, ClientTransaction.Sender sender,
                            InetSocketAddress target, byte[] request, Function<SipResponse, byte[]> ackForFailure,
                            InviteTransactionListener listener) {
        this.layer = layer;
        this.branch = branch;
        this.sender = sender;
        this.target = target;
        this.request = request;
        this.ackForFailure = ackForFailure;
        this.listener = listener;
        this.startNanos = layer.scheduler().nanoTime();
    }

    void start() {
        retransmitInterval = layer.timers().t1Nanos();
        transmissions++;
        layer.counters().transmissions++;
        if (!sender.send(request, target)) {
            layer.counters().sendFailures++;
            terminate();
            listener.onTimeout(this, true);
            return;
        }
        timerA = layer.scheduler().schedule(this::onTimerA, retransmitInterval, TimeUnit.NANOSECONDS);
        timerB = layer.scheduler().schedule(this::onTimerB, layer.timers().timeoutNanos(), TimeUnit.NANOSECONDS);
    }

    private void onTimerA() {
        if (state != State.CALLING) {
            return;
        }
        transmissions++;
        layer.counters().transmissions++;
        layer.counters().retransmissions++;
        if (!sender.send(request, target)) {
            layer.counters().sendFailures++;
        }
        listener.onRetransmit(this, transmissions);
        retransmitInterval *= 2; // no T2 cap for INVITE: Timer B ends it first
        timerA = layer.scheduler().schedule(this::onTimerA, retransmitInterval, TimeUnit.NANOSECONDS);
    }

    private void onTimerB() {
        if (state != State.CALLING) {
            return;
        }
        cancel(timerA);
        layer.counters().timeouts++;
        terminate();
        listener.onTimeout(this, false);
    }

    void onResponse(SipResponse response) {
        switch (state) {
            case CALLING, PROCEEDING -> {
                if (response.isProvisional()) {
                    layer.counters().provisionalResponses++;
                    cancel(timerA);
                    cancel(timerB);
                    state = State.PROCEEDING;
                    listener.onProvisional(this, response);
                    return;
                }
                layer.counters().finalResponses++;
                cancel(timerA);
                cancel(timerB);
                long linger = layer.timers().timeoutNanos();
                if (response.isSuccess()) {
                    state = State.ACCEPTED; // Timer M: keep passing 2xx retransmissions up
                } else {
                    state = State.COMPLETED; // Timer D: absorb retransmitted failures, re-ACK them
                    ack = ackForFailure.apply(response);
                    sendAck();
                }
                layer.scheduler().schedule(this::terminate, linger, TimeUnit.NANOSECONDS);
                listener.onFinal(this, response);
            }
            case ACCEPTED -> {
                if (response.isSuccess()) {
                    listener.on2xxRetransmission(this, response);
                }
            }
            case COMPLETED -> {
                if (!response.isProvisional() && !response.isSuccess()) {
                    sendAck();
                }
            }
            case TERMINATED -> { }
        }
    }

    private void sendAck() {
        layer.counters().transmissions++;
        if (!sender.send(ack, target)) {
            layer.counters().sendFailures++;
        }
    }

    private void terminate() {
        state = State.TERMINATED;
        layer.removeInvite(this);
    }

    /**
     * The caller has given up on a final response (RFC 3261 §9.1: 64·T1 after its CANCEL, the
     * transaction "is considered terminated"): nothing more is resent or passed up.
     */
    public void abandon() {
        if (state == State.CALLING || state == State.PROCEEDING) {
            cancel(timerA);
            cancel(timerB);
            terminate();
        }
    }

    private static void cancel(Scheduler.Timeout t) {
        if (t != null) {
            t.cancel();
        }
    }

    public String branch() {
        return branch;
    }

    public State state() {
        return state;
    }

    public InetSocketAddress target() {
        return target;
    }

    /** The INVITE as sent: a CANCEL copies its Request-URI, top Via, From, To and Call-ID. */
    public byte[] request() {
        return request;
    }

    /** INVITE transmissions so far, including the first. */
    public int transmissions() {
        return transmissions;
    }

    /** Nanoseconds since the first transmission, on the layer's clock. */
    public long elapsedNanos() {
        return layer.scheduler().nanoTime() - startNanos;
    }
}
