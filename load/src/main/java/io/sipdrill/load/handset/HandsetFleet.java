package io.sipdrill.load.handset;

import io.sipdrill.load.journal.Journal;
import io.sipdrill.load.sip.SipEngine;
import io.sipdrill.load.sip.message.RegisterTemplate;
import io.sipdrill.load.sip.transport.SipSocket;
import io.sipdrill.load.time.DrillClock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * All handsets of one engine: created from a {@link FleetConfig}, spread over the socket pool (UDP,
 * or TLS for an engine started with {@link SipEngine#startTls}), started over a ramp, stopped together.
 *
 * <pre>{@code
 * HandsetFleet fleet = HandsetFleet.create(config, engine, journal, clock);
 * fleet.start(Duration.ofSeconds(3));
 * ... fleet.counts().primary() ...
 * fleet.stop();
 * }</pre>
 */
public final class HandsetFleet {

    private final SipEngine engine;
    private final List<Handset> handsets;
    private final PopCounts counts;

    private HandsetFleet(SipEngine engine, List<Handset> handsets, PopCounts counts) {
        this.engine = engine;
        this.handsets = handsets;
        this.counts = counts;
    }

    public static HandsetFleet create(FleetConfig config, SipEngine engine, Journal journal, DrillClock clock) {
        PopCounts counts = new PopCounts(config.handsets());
        // The engine decides the transport (UDP, or TLS when started with startTls); the fleet follows.
        HandsetContext ctx = new HandsetContext(engine.transactions(),
                new RegisterTemplate(config.domain(), engine.transport()),
                config.primary(), config.backup(), journal, clock, counts);
        List<? extends SipSocket> sockets = engine.handsetSockets();
        List<Handset> handsets = new ArrayList<>(config.handsets());
        // Handsets of one share have equal profiles: share the object (48 bytes a handset otherwise).
        Map<PopulationMix.Share, HandsetProfile> profiles = new IdentityHashMap<>();
        for (int i = 0; i < config.handsets(); i++) {
            int index = config.firstIndex() + i;
            HandsetProfile profile = profiles.computeIfAbsent(config.mix().shareFor(index), config::profileFor);
            String user = FleetConfig.userFor(index);
            handsets.add(Handset.on(sockets.get(i % sockets.size()), index, user, config.credentials().password(user),
                    ctx, profile, profile.refreshShareFor(index)));
        }
        return new HandsetFleet(engine, handsets, counts);
    }

    /** Starts handset {@code i} at {@code i/n} of the ramp. */
    public void start(Duration ramp) {
        long step = handsets.isEmpty() ? 0 : ramp.toNanos() / handsets.size();
        engine.loop().execute(() -> {
            for (int i = 0; i < handsets.size(); i++) {
                Handset h = handsets.get(i);
                engine.loop().schedule(h::start, step * i, TimeUnit.NANOSECONDS);
            }
        });
    }

    /** Stops every handset on the loop thread and waits until that is done. */
    public void stop() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        engine.loop().execute(() -> {
            handsets.forEach(Handset::stop);
            done.complete(null);
        });
        done.orTimeout(10, TimeUnit.SECONDS).join();
    }

    public PopCounts counts() {
        return counts;
    }

    public int size() {
        return handsets.size();
    }
}
