package io.sipdrill.load.calls;

import io.sipdrill.load.handset.Pop;
import io.sipdrill.load.sip.SipEngine;
import io.sipdrill.load.sip.call.Call;
import io.sipdrill.load.sip.call.CallListener;
import io.sipdrill.load.sip.call.CallResult;
import io.sipdrill.load.sip.call.IncomingCall;
import io.sipdrill.load.sip.call.Media;
import io.sipdrill.load.sip.call.OutgoingCall;
import io.sipdrill.load.sip.transaction.SipTimers;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;

/**
 * The PSTN side: it sends inbound DDI calls to whichever POP {@link DdiRouting} points at, talks
 * for the call's talk time and hangs up, or gives up after ringing too long; and it answers the
 * handsets' outbound calls after a ring, leaving the hang-up to them. It journals every inbound
 * call it placed. Its own engine on its own address: POPs recognise the carrier by source address.
 */
public final class Carrier implements AutoCloseable {

    /** The far end never keeps an outbound call up longer than this, should a handset never hang up. */
    private static final long MAX_ANSWERED_NANOS = TimeUnit.MINUTES.toNanos(10);

    private final SipEngine engine;
    private final DdiRouting routing;
    private final CallTimes times;
    private final CallRecords records;
    private final ToIntFunction<String> handsetOfDdi;

    /**
     * @param handsetOfDdi the handset index a DDI rings (for the journal), -1 when none
     */
    public Carrier(InetSocketAddress address, SipTimers timers, Media media, DdiRouting routing, CallTimes times,
                   CallRecords records, ToIntFunction<String> handsetOfDdi) {
        this.engine = SipEngine.bind(List.of(address), timers);
        this.routing = routing;
        this.times = times;
        this.records = records;
        this.handsetOfDdi = handsetOfDdi;
        engine.loop().execute(() -> {
            engine.calls().media(media);
            engine.calls().answerAny(this::answerOutbound);
        });
    }

    /** Sends one inbound call to {@code ddi} at the POP DDI routing points at now. Any thread. */
    public void callDdi(String ddi) {
        callDdi(ddi, CallListener.IGNORE);
    }

    /** As {@link #callDdi(String)}, telling {@code observer} when it is answered and when it ends. */
    public void callDdi(String ddi, CallListener observer) {
        engine.loop().execute(() -> {
            Pop pop = routing.current();
            OutgoingCall placed = engine.calls().call(engine.sockets().get(0), "carrier", ddi, routing.address(pop), new CallListener() {
                @Override
                public void onAnswered(Call call) {
                    call.scheduler().schedule(call::hangup, times.talkNanos(), TimeUnit.NANOSECONDS);
                    observer.onAnswered(call);
                }

                @Override
                public void onEnded(Call call, CallResult result) {
                    records.write(handsetOfDdi.applyAsInt(ddi), pop, "in", result);
                    observer.onEnded(call, result);
                }
            });
            placed.giveUpAfter(times.giveUpAfter().toNanos());
        });
    }

    private void answerOutbound(IncomingCall call) {
        call.ring();
        call.scheduler().schedule(call::answer, times.ringNanos(), TimeUnit.NANOSECONDS);
        call.scheduler().schedule(call::hangup, MAX_ANSWERED_NANOS, TimeUnit.NANOSECONDS);
    }

    public InetSocketAddress address() {
        return engine.sockets().get(0).address();
    }

    /** Calls ringing or talking now (read from any thread; approximate). */
    public int liveCalls() {
        return engine.calls().liveCalls();
    }

    public SipEngine engine() {
        return engine;
    }

    @Override
    public void close() {
        engine.close();
    }
}
