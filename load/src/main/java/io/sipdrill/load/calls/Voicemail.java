package io.sipdrill.load.calls;

import io.sipdrill.load.sip.SipEngine;
import io.sipdrill.load.sip.call.IncomingCall;
import io.sipdrill.load.sip.call.Media;
import io.sipdrill.load.sip.transaction.SipTimers;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A voicemail system: it answers every INVITE at once (as user {@code vm-…}, so callers can tell)
 * and records until the caller hangs up, for at most a few minutes.
 */
public final class Voicemail implements AutoCloseable {

    private static final long MAX_MESSAGE_NANOS = TimeUnit.MINUTES.toNanos(3);

    private final SipEngine engine;

    public Voicemail(InetSocketAddress address, SipTimers timers, Media media) {
        this.engine = SipEngine.bind(List.of(address), timers);
        engine.loop().execute(() -> {
            engine.calls().media(media);
            engine.calls().answerAny(this::record);
        });
    }

    private void record(IncomingCall call) {
        String box = call.calledUser();
        call.answerAs(box.startsWith(CallRecords.VOICEMAIL_PREFIX) ? box : CallRecords.VOICEMAIL_PREFIX + box);
        call.answer();
        call.scheduler().schedule(call::hangup, MAX_MESSAGE_NANOS, TimeUnit.NANOSECONDS);
    }

    public InetSocketAddress address() {
        return engine.sockets().get(0).address();
    }

    /** Calls answered so far. */
    public long answered() {
        return engine.calls().callsReceived();
    }

    @Override
    public void close() {
        engine.close();
    }
}
