package io.sipdrill.app.bench;

import io.sipdrill.chaos.drill.DrillPlan;
import io.sipdrill.load.sip.SipEngine;
import io.sipdrill.load.sip.call.Call;
import io.sipdrill.load.sip.call.CallListener;
import io.sipdrill.load.sip.call.CallResult;
import io.sipdrill.load.sip.transaction.SipTimers;
import io.sipdrill.load.sip.transport.LocalSocket;
import io.sipdrill.load.time.DrillClock;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * sipdrill's side of {@code bench calls}: the same flow as SIPp's built-in uac → uas. Callers on
 * the handsets' sockets dial an external number through the POP (POP → PBX → carrier); at the
 * carrier's address a callee answers at once (180, 200); the caller ACKs and hangs up at once
 * (BYE → 200). Signalling only, no RTP, as SIPp's built-in scenarios. Both ends run in this
 * JVM, so its CPU is compared with SIPp's uac and uas together.
 */
final class SipdrillCallLoad {

    /** The pacer's tick: starts due calls in batches this far apart (the timer wheel ticks at 2 ms). */
    private static final long PACE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    static final String NUMBER = SippCallLoad.NUMBER;

    private SipdrillCallLoad() {
    }

    static BenchResult onEngine(InetSocketAddress pop, InetSocketAddress carrier, int count, double rate) throws Exception {
        long durationMs = (long) (count * 1000 / rate);
        try (SipEngine callee = SipEngine.bind(List.of(carrier), SipTimers.RFC3261);
             SipEngine callers = SipEngine.start(DrillPlan.HANDSET_ADDRESS, DrillPlan.HANDSET_SOCKETS, SipTimers.RFC3261)) {
            callee.loop().execute(() -> callee.calls().answerAny(call -> {
                call.ring();
                call.answer();
            }));
            DrillClock clock = DrillClock.startingNow(callers.loop());
            CallTally tally = new CallTally(clock);
            CallListener hangUpOnAnswer = new CallListener() {
                @Override
                public void onAnswered(Call call) {
                    call.hangup();
                }

                @Override
                public void onEnded(Call call, CallResult result) {
                    tally.ended(result);
                }
            };
            long startMs = clock.millis();
            tally.secondHalfFrom(startMs + durationMs / 2);
            new Pacer(callers, pop, count, rate, hangUpOnAnswer).start();
            return InProcessMeter.measure(tally, count, rate, durationMs, startMs,
                    () -> onLoop(callers, () -> callers.calls().hangupAll()));
        }
    }

    private static void onLoop(SipEngine engine, Runnable task) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        engine.loop().execute(() -> {
            task.run();
            done.complete(null);
        });
        done.get(5, TimeUnit.SECONDS);
    }

    /** Starts calls on the callers' loop at {@code rate}, each due at {@code i / rate} after the first. */
    private static final class Pacer implements Runnable {
        private final SipEngine engine;
        private final InetSocketAddress pop;
        private final int count;
        private final double rate;
        private final CallListener listener;
        private long firstNanos;
        private int started;

        Pacer(SipEngine engine, InetSocketAddress pop, int count, double rate, CallListener listener) {
            this.engine = engine;
            this.pop = pop;
            this.count = count;
            this.rate = rate;
            this.listener = listener;
        }

        void start() {
            engine.loop().execute(() -> {
                firstNanos = engine.loop().nanoTime();
                run();
            });
        }

        @Override
        public void run() {
            // Due counted from the first start, so a late tick catches up instead of drifting.
            long due = Math.min(count, 1 + (long) ((engine.loop().nanoTime() - firstNanos) * rate / 1e9));
            List<LocalSocket> sockets = engine.sockets();
            while (started < due) {
                String caller = Integer.toString(SippCallLoad.FIRST_CALLER + started);
                engine.calls().call(sockets.get(started % sockets.size()), caller, NUMBER, pop, listener);
                started++;
            }
            if (started < count) {
                engine.loop().schedule(this, PACE_NANOS, TimeUnit.NANOSECONDS);
            }
        }
    }
}
