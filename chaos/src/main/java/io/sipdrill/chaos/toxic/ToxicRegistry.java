package io.sipdrill.chaos.toxic;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Toxic types by Toxiproxy type name.
 *
 * <pre>{@code
 * ToxicType latency = ToxicRegistry.standard().type("latency").orElseThrow();
 * Toxic perLink = latency.create(latency.attributes(Map.of("latency", 200), null));
 * }</pre>
 */
public final class ToxicRegistry {

    private static final ToxicRegistry STANDARD = new ToxicRegistry(List.of(
            LatencyToxic.TYPE, BandwidthToxic.TYPE, SlowCloseToxic.TYPE, TimeoutToxic.TYPE,
            ResetPeerToxic.TYPE, LimitDataToxic.TYPE, SlicerToxic.TYPE,
            LossToxic.TYPE, DuplicateToxic.TYPE, ReorderToxic.TYPE));

    private final Map<String, ToxicType> types = new LinkedHashMap<>();

    public ToxicRegistry(Collection<ToxicType> types) {
        for (ToxicType t : types) {
            if (this.types.putIfAbsent(t.name(), t) != null) {
                throw new IllegalArgumentException("toxic type registered twice: " + t.name());
            }
        }
    }

    /** Toxiproxy's TCP toxics plus sipdrill's datagram ones. */
    public static ToxicRegistry standard() {
        return STANDARD;
    }

    public Optional<ToxicType> type(String name) {
        return Optional.ofNullable(types.get(name));
    }

    public Collection<ToxicType> types() {
        return types.values();
    }
}
