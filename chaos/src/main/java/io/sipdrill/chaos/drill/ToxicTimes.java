package io.sipdrill.chaos.drill;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A link toxic's times, played at the drill's time scale. A drill file's {@code latency: 8s} is
 * real-equivalent like every other time in it; the SIP timers the handsets wait with are scaled,
 * so an unscaled 8 s would outlast Timer F many times over at 60x and turn "slow" into "dead".
 */
public final class ToxicTimes {

    /** Toxiproxy's attributes that are durations in milliseconds (slicer's {@code delay} is µs, scaled too). */
    private static final Set<String> DURATIONS = Set.of("latency", "jitter", "timeout", "delay");

    private ToxicTimes() {
    }

    /** {@code attributes} with every duration divided by {@code timeScale}, rounded, at least 1 when it was positive. */
    public static Map<String, Object> scaled(Map<String, Object> attributes, double timeScale) {
        Map<String, Object> out = new LinkedHashMap<>(attributes);
        for (String name : DURATIONS) {
            if (out.get(name) instanceof Number n && n.doubleValue() > 0) {
                out.put(name, Math.max(1L, Math.round(n.doubleValue() / timeScale)));
            }
        }
        return out;
    }
}
