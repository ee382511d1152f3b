package io.sipdrill.load.gatling.protocol;

import io.gatling.core.CoreComponents;
import io.gatling.core.config.GatlingConfiguration;
import io.gatling.core.protocol.Protocol;
import io.gatling.core.protocol.ProtocolKey;
import scala.Function1;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The SIP protocol as Gatling sees it: settings, plus the key Gatling uses to build one
 * {@link SipComponents} (one engine) per run. Built by {@code SipDsl.sip.registrar(…)…}.
 *
 * <p>While a run is under way, {@link #live()} gives a {@link SipLiveView} of its handsets; so
 * does every observer passed to {@code SipProtocolBuilder.observe}, once, when the engine starts.
 */
public final class SipProtocol implements Protocol {

    /** How Gatling finds this protocol's components. */
    public static final ProtocolKey<SipProtocol, SipComponents> KEY = new Key();

    private final SipSettings settings;
    private final List<Consumer<SipLiveView>> observers;
    private final AtomicReference<SipLiveView> live = new AtomicReference<>();

    private final io.sipdrill.load.gatling.SipConfigurationException problem;
    private final SipCallSettings calls;

    public SipProtocol(SipSettings settings, List<Consumer<SipLiveView>> observers) {
        this(settings, observers, null, null);
    }

    /** With the first configuration mistake, thrown when a run starts this protocol (null: none). */
    public SipProtocol(SipSettings settings, List<Consumer<SipLiveView>> observers,
                       io.sipdrill.load.gatling.SipConfigurationException problem, SipCallSettings calls) {
        this.settings = settings;
        this.observers = List.copyOf(observers);
        this.problem = problem;
        this.calls = calls;
    }

    /** How handsets take part in calls; empty when they do not. */
    public Optional<SipCallSettings> calls() {
        return Optional.ofNullable(calls);
    }

    /** The configuration mistake this protocol carries, if any. */
    public Optional<io.sipdrill.load.gatling.SipConfigurationException> problem() {
        return Optional.ofNullable(problem);
    }

    public SipSettings settings() {
        return settings;
    }

    /** The live view of the latest run that used this protocol; empty before its engine started. */
    public Optional<SipLiveView> live() {
        return Optional.ofNullable(live.get());
    }

    void started(SipLiveView view) {
        live.set(view);
        for (Consumer<SipLiveView> observer : observers) {
            observer.accept(view);
        }
    }

    @Override
    public String toString() {
        return "SipProtocol" + settings;
    }

    private static final class Key implements ProtocolKey<SipProtocol, SipComponents> {

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public Class<Protocol> protocolClass() {
            return (Class) SipProtocol.class;
        }

        @Override
        public SipProtocol defaultProtocolValue(GatlingConfiguration configuration) {
            throw new IllegalStateException("a SIP request needs the SIP protocol: add "
                    + ".protocols(SipDsl.sip.registrar(\"host:port\")) to the setUp or the population");
        }

        @Override
        public Function1<SipProtocol, SipComponents> newComponents(CoreComponents core) {
            return SipComponents.factory(core);
        }
    }
}
