package io.sipdrill.load.sip.transaction;

import io.sipdrill.load.sip.codec.SipResponse;
import io.sipdrill.load.time.Scheduler;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * A non-INVITE client transaction (RFC 3261 §17.1.2, Figure 6). Over UDP it keeps the request's
 * bytes for retransmission: Timer E resends at T1, 2·T1, … capped at T2 (at T2 once a provisional
 * arrived); Timer F ends it after 64·T1; after the final response it waits Timer K (T4) in
 * Completed to absorb retransmitted responses, then leaves the table. Over a reliable transport
 * (TLS) the transport does the resending: no Timer E, Timer K is zero, Timer F still applies, and a
 * lost connection ends the transaction with a transport error (§17.1.4).
 */
public final class ClientTransaction {

    /** RFC 3261 §17.1.2.2 states. */
    public enum State { TRYING, PROCEEDING, COMPLETED, TERMINATED }

    private final TransactionLayer layer;
    private final String branch;
    private final String method;
    private final Sender sender;
    private final InetSocketAddress target;
    private final byte[] request;
    private final TransactionListener listener;
    private final long startNanos;
    private final Object attachment;
    private State state = State.TRYING;
    private long retransmitInterval;
    private int transmissions;
    private Scheduler.Timeout timerE;
    private Scheduler.Timeout timerF;

    /** Sends a request's bytes; a socket of the pool in production, a recorder in tests. */
    @FunctionalInterface
    public interface Sender {
        boolean send(byte[] request, InetSocketAddress target);

        /** True for a stream transport (TLS) that delivers or fails by itself: no Timer E then. */
        default boolean reliable() {
            return false;
        }
    }

    ClientTransaction(TransactionLayer layer, String branch, String method, Sender sender,
                      InetSocketAddress target, byte[] request, TransactionListener listener, Object attachment) {
        this.layer = layer;
        this.branch = branch;
        this.method = method;
        this.sender = sender;
        this.target = target;
        this.request = request;
        this.listener = listener;
        this.attachment = attachment;
        this.startNanos = layer.scheduler().nanoTime();
    }

    void start() {
        SipTimers timers = layer.timers();
        retransmitInterval = timers.t1Nanos();
        if (!transmit()) {
            terminate();
            listener.onCompleted(this, TransactionOutcome.TRANSPORT_ERROR, null);
            return;
        }
        if (!sender.reliable()) {
            timerE = layer.scheduler().schedule(this::onTimerE, retransmitInterval, TimeUnit.NANOSECONDS);
        }
        timerF = layer.scheduler().schedule(this::onTimerF, timers.timeoutNanos(), TimeUnit.NANOSECONDS);
    }

    private boolean transmit() {
        transmissions++;
        layer.counters().transmissions++;
        boolean sent = sender.send(request, target);
        if (!sent) {
            layer.counters().sendFailures++;
        }
        // A dropped send is a lost packet, not an error: Timer E will try again. Only the first
        // transmission failing outright is reported as a transport error.
        return sent || transmissions > 1;
    }

    private void onTimerE() {
        if (state != State.TRYING && state != State.PROCEEDING) {
            return;
        }
        transmit();
        layer.counters().retransmissions++;
        listener.onRetransmit(this, transmissions);
        long t2 = layer.timers().t2Nanos();
        retransmitInterval = state == State.PROCEEDING ? t2 : Math.min(retransmitInterval * 2, t2);
        timerE = layer.scheduler().schedule(this::onTimerE, retransmitInterval, TimeUnit.NANOSECONDS);
    }

    private void onTimerF() {
        if (state != State.TRYING && state != State.PROCEEDING) {
            return;
        }
        cancel(timerE);
        layer.counters().timeouts++;
        terminate();
        listener.onCompleted(this, TransactionOutcome.TIMEOUT, null);
    }

    void onResponse(SipResponse response) {
        switch (state) {
            case TRYING, PROCEEDING -> {
                if (response.isProvisional()) {
                    layer.counters().provisionalResponses++;
                    state = State.PROCEEDING;
                    listener.onProvisional(this, response);
                    return;
                }
                layer.counters().finalResponses++;
                cancel(timerE);
                cancel(timerF);
                state = State.COMPLETED;
                if (sender.reliable()) {
                    terminate(); // Timer K is 0 on a reliable transport: nothing is retransmitted to absorb
                } else {
                    // Timer K: stay matchable for T4 so retransmitted responses are absorbed, not stray.
                    layer.scheduler().schedule(this::terminate, layer.timers().t4Nanos(), TimeUnit.NANOSECONDS);
                }
                listener.onCompleted(this, TransactionOutcome.RESPONSE, response);
            }
            case COMPLETED, TERMINATED -> {
                // a retransmitted final response: absorbed
            }
        }
    }

    /** The connection this transaction was sent on failed before a final response (RFC 3261 §17.1.4). */
    void onTransportFailure() {
        if (state != State.TRYING && state != State.PROCEEDING) {
            return;
        }
        cancel(timerE);
        cancel(timerF);
        layer.counters().transportFailures++;
        terminate();
        listener.onCompleted(this, TransactionOutcome.TRANSPORT_ERROR, null);
    }

    Sender sender() {
        return sender;
    }

    private void terminate() {
        state = State.TERMINATED;
        layer.remove(this);
    }

    private static void cancel(Scheduler.Timeout t) {
        if (t != null) {
            t.cancel();
        }
    }

    public String branch() {
        return branch;
    }

    public String method() {
        return method;
    }

    public State state() {
        return state;
    }

    public InetSocketAddress target() {
        return target;
    }

    /** Transmissions so far, including the first (so retransmissions = transmissions − 1). */
    public int transmissions() {
        return transmissions;
    }

    /** Nanoseconds since the first transmission, on the layer's clock. */
    public long elapsedNanos() {
        return layer.scheduler().nanoTime() - startNanos;
    }

    /** Whatever the transaction user attached (e.g. the attempt's purpose). */
    @SuppressWarnings("unchecked")
    public <T> T attachment() {
        return (T) attachment;
    }
}
