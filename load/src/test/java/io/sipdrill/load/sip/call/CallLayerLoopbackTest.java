package io.sipdrill.load.sip.call;

import io.sipdrill.load.sip.SipEngine;
import io.sipdrill.load.sip.transaction.SipTimers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Two engines on loopback call each other directly (no proxy): the whole dialog on real sockets. */
class CallLayerLoopbackTest {

    private static final SipTimers FAST = SipTimers.scaled(10);
    private SipEngine caller;
    private SipEngine callee;
    private InetSocketAddress calleeAddress;

    @BeforeEach
    void start() {
        caller = SipEngine.bind(List.of(new InetSocketAddress("127.0.91.1", 0)), FAST);
        callee = SipEngine.bind(List.of(new InetSocketAddress("127.0.91.2", 0)), FAST);
        calleeAddress = callee.sockets().get(0).address();
    }

    /** Runs on the callee's loop and waits, so its handler is in place before any INVITE arrives. */
    private void onCallee(Runnable setup) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        callee.loop().execute(() -> {
            setup.run();
            done.complete(null);
        });
        done.get(5, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() {
        caller.close();
        callee.close();
    }

    @Test
    void ringsAnswersTalksAndHangsUp() throws Exception {
        CompletableFuture<CallResult> calleeResult = new CompletableFuture<>();
        onCallee(() -> callee.calls().answerFor("1000001", call -> {
            call.listener((c, r) -> calleeResult.complete(r));
            call.ring();
            call.scheduler().schedule(call::answer, 100, TimeUnit.MILLISECONDS);
        }));
        CompletableFuture<CallResult> callerResult = new CompletableFuture<>();
        caller.loop().execute(() -> caller.calls().call(caller.sockets().get(0), "carrier", "1000001", calleeAddress,
                new CallListener() {
                    @Override
                    public void onAnswered(Call call) {
                        call.scheduler().schedule(call::hangup, 200, TimeUnit.MILLISECONDS);
                    }

                    @Override
                    public void onEnded(Call call, CallResult result) {
                        callerResult.complete(result);
                    }
                }));

        CallResult mine = callerResult.get(5, TimeUnit.SECONDS);
        assertThat(mine.outcome()).isEqualTo(CallOutcome.ANSWERED);
        assertThat(mine.code()).isEqualTo(200);
        assertThat(mine.answeredBy()).isEqualTo("1000001");
        assertThat(mine.pddMs()).isNotNull().isLessThan(mine.setupMs());
        assertThat(mine.setupMs()).isGreaterThanOrEqualTo(90.0);
        assertThat(mine.talkMs()).isGreaterThanOrEqualTo(190.0);
        assertThat(mine.inviteSent()).isEqualTo(1);
        CallResult theirs = calleeResult.get(5, TimeUnit.SECONDS);
        assertThat(theirs.outcome()).isEqualTo(CallOutcome.ANSWERED);
        assertThat(caller.calls().liveCalls()).isZero();
        assertThat(callee.calls().liveCalls()).isZero();
        assertThat(caller.transactions().counters().strayResponses()).isZero();
    }

    @Test
    void busyCalleeRejectsWith486AndTheRejectionIsAcked() throws Exception {
        onCallee(() -> callee.calls().answerFor("1000002", call -> call.reject(486, "Busy Here")));
        CompletableFuture<CallResult> result = new CompletableFuture<>();
        caller.loop().execute(() -> caller.calls().call(caller.sockets().get(0), "carrier", "1000002", calleeAddress,
                (call, r) -> result.complete(r)));

        CallResult r = result.get(5, TimeUnit.SECONDS);
        assertThat(r.outcome()).isEqualTo(CallOutcome.FAILED);
        assertThat(r.code()).isEqualTo(486);
        assertThat(r.cause()).isEqualTo("busy");
        // The callee resends 486 (Timer G) until our ACK arrives: with the ACK there is no resend.
        Thread.sleep(300);
        assertThat(callee.calls().liveCalls()).isZero();
    }

    @Test
    void callerGivesUpWhileRingingWithCancel() throws Exception {
        CompletableFuture<CallResult> calleeResult = new CompletableFuture<>();
        onCallee(() -> callee.calls().answerFor("1000003", call -> {
            call.listener((c, r) -> calleeResult.complete(r));
            call.ring();
        }));
        CompletableFuture<CallResult> result = new CompletableFuture<>();
        caller.loop().execute(() -> caller.calls().call(caller.sockets().get(0), "carrier", "1000003", calleeAddress,
                new CallListener() {
                    @Override
                    public void onRinging(Call call) {
                        call.hangup();
                    }

                    @Override
                    public void onEnded(Call call, CallResult r) {
                        result.complete(r);
                    }
                }));

        CallResult r = result.get(5, TimeUnit.SECONDS);
        assertThat(r.outcome()).isEqualTo(CallOutcome.CANCELLED);
        assertThat(r.code()).isEqualTo(487);
        assertThat(calleeResult.get(5, TimeUnit.SECONDS).outcome()).isEqualTo(CallOutcome.CANCELLED);
    }

    @Test
    void nobodyAnsweringForTheUserGets404() throws Exception {
        CompletableFuture<CallResult> result = new CompletableFuture<>();
        caller.loop().execute(() -> caller.calls().call(caller.sockets().get(0), "carrier", "1999999", calleeAddress,
                (call, r) -> result.complete(r)));
        CallResult r = result.get(5, TimeUnit.SECONDS);
        assertThat(r.code()).isEqualTo(404);
        assertThat(r.cause()).isEqualTo("not_found");
    }

    @Test
    void silentCalleeTimesOutWithTimerBAndCountsRetransmissions() throws Exception {
        callee.close(); // nothing answers on that port now
        CompletableFuture<CallResult> result = new CompletableFuture<>();
        SipEngine fast = SipEngine.bind(List.of(new InetSocketAddress("127.0.91.3", 0)), SipTimers.scaled(20));
        try {
            fast.loop().execute(() -> fast.calls().call(fast.sockets().get(0), "carrier", "1000004", calleeAddress,
                    (call, r) -> result.complete(r)));
            CallResult r = result.get(5, TimeUnit.SECONDS);
            assertThat(r.outcome()).isEqualTo(CallOutcome.FAILED);
            assertThat(r.cause()).isEqualTo("timeout");
            // Timer A at T1, 2T1, 4T1 … before Timer B at 64·T1: 6 retransmissions, 7 INVITEs.
            assertThat(r.inviteSent()).isEqualTo(7);
            assertThat(r.retransmits()).isEqualTo(6);
        } finally {
            fast.close();
        }
    }
}
