package io.sipdrill.environments.embedded.pbx;

import io.sipdrill.load.sip.SipEngine;
import io.sipdrill.load.sip.transaction.SipTimers;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * One PBX instance in this JVM: a back-to-back user agent on its own address (see
 * {@link BridgedCall}). Its own event loop thread, like a process of its own.
 */
public final class EmbeddedPbx implements AutoCloseable {

    private final PbxConfig config;
    private final SipEngine engine;

    private EmbeddedPbx(PbxConfig config, SipEngine engine) {
        this.config = config;
        this.engine = engine;
    }

    /** Binds {@code config.address()} and starts routing calls. */
    public static EmbeddedPbx start(PbxConfig config, SipTimers timers) {
        SipEngine engine = SipEngine.bind(List.of(config.address()), timers);
        EmbeddedPbx pbx = new EmbeddedPbx(config, engine);
        engine.loop().execute(() -> engine.calls().answerAny(call ->
                new BridgedCall(engine.calls(), engine.sockets().get(0), config, call).route()));
        return pbx;
    }

    public InetSocketAddress address() {
        return config.address();
    }

    public PbxConfig config() {
        return config;
    }

    /** The event loop that does all its work; faults hold its thread to squeeze or freeze the PBX. */
    public io.sipdrill.load.sip.transport.SipEventLoop loop() {
        return engine.loop();
    }

    /** Calls received so far. */
    public long callsReceived() {
        return engine.calls().callsReceived();
    }

    /** Datagrams its engine could not parse, counted where they arrive and dropped. */
    public long malformedMessages() {
        return engine.transactions().counters().malformedMessages();
    }

    @Override
    public void close() {
        engine.close();
    }
}
