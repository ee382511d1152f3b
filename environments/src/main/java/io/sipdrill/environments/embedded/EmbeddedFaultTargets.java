package io.sipdrill.environments.embedded;

import io.sipdrill.chaos.fault.Fault;
import io.sipdrill.chaos.fault.FaultTargets;
import io.sipdrill.chaos.fault.AppliedFaults;
import io.sipdrill.environments.embedded.pbx.EmbeddedPbx;

import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code embedded} topology's servers as fault targets. The registrars have a capacity model,
 * so a squeeze is its factor ({@code quota} 0.02 makes each request take 50× as long: queueing
 * delay, then drops) and a freeze is factor 0. The PBX instances have an event loop, which a
 * {@link LoopBrakeFault} holds for {@code 1 - quota} of every 100 ms (squeeze) or entirely
 * (freeze). A kill closes the server and its revert starts a fresh one on the same address; a
 * restart does both at once; either way the server's bindings and calls are gone.
 */
final class EmbeddedFaultTargets implements FaultTargets {

    static final String REGISTRAR = "registrar";
    static final String BACKUP = "backup";

    private final EmbeddedTopology topology;
    private final AppliedFaults applied;

    EmbeddedFaultTargets(EmbeddedTopology topology, AppliedFaults applied) {
        this.topology = topology;
        this.applied = applied;
    }

    @Override
    public Set<String> names() {
        Set<String> names = new LinkedHashSet<>(List.of(REGISTRAR, BACKUP));
        names.addAll(topology.pbxNames());
        return names;
    }

    @Override
    public Fault cpuSqueeze(String target, double quota) {
        if (!(quota > 0 && quota <= 1)) {
            throw new IllegalArgumentException("cpu quota must be above 0% and at most 100% of a core, got " + quota * 100 + "%");
        }
        return hold("cpu-squeeze", target, quota);
    }

    @Override
    public Fault freeze(String target) {
        return hold("freeze", target, 0);
    }

    private Fault hold(String name, String target, double share) {
        Optional<ServerSlot<EmbeddedRegistrar>> registrar = topology.registrarSlot(target);
        if (registrar.isPresent()) {
            return applied.holding(new CapacityFault(name, target,
                    () -> registrar.get().running().map(EmbeddedRegistrar::capacity), share));
        }
        ServerSlot<EmbeddedPbx> pbx = pbx(target);
        // A whole core is no squeeze at all for a loop brake (it takes shares below 1).
        double brake = Math.min(share, 0.99);
        return applied.holding(new LoopBrakeFault(name, target, () -> pbx.running().map(EmbeddedPbx::loop), brake));
    }

    @Override
    public Fault kill(String target) {
        return applied.other(new ServerKillFault(slot(target), applied, topology::isClosed));
    }

    @Override
    public void restart(String target) throws Exception {
        ServerSlot<?> slot = slot(target);
        if (topology.isClosed()) {
            return;
        }
        applied.releaseHolds(target);
        slot.restart();
    }

    /** The running instance's count per server: a killed or restarted server starts from zero. */
    @Override
    public Map<String, Long> malformedMessages() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String name : names()) {
            Optional<Long> count = topology.registrarSlot(name).isPresent()
                    ? topology.registrarSlot(name).get().running().map(EmbeddedRegistrar::malformedMessages)
                    : pbx(name).running().map(EmbeddedPbx::malformedMessages);
            count.ifPresent(c -> counts.put(name, c));
        }
        return counts;
    }

    private ServerSlot<?> slot(String target) {
        Optional<ServerSlot<EmbeddedRegistrar>> registrar = topology.registrarSlot(target);
        return registrar.isPresent() ? registrar.get() : pbx(target);
    }

    private ServerSlot<EmbeddedPbx> pbx(String target) {
        return topology.pbxSlot(target).orElseThrow(() -> new IllegalArgumentException("unknown target " + target
                + "; the embedded topology has " + String.join(", ", names())));
    }
}
