package io.sipdrill.chaos.fault;

import java.util.Map;
import java.util.Set;

/**
 * The network links of a topology that pass through sipdrill's fault proxy, by the names drill
 * files use ({@code handsets->registrar}, {@code handsets->backup}, {@code carrier->registrar},
 * …), and the toxics a drill puts on them.
 *
 * <pre>{@code
 * Fault slow = links.toxic("handsets->registrar", "latency", Map.of("latency", 8000, "jitter", 2000), Stream.DOWNSTREAM);
 * slow.inject();   // adds the toxic to the route
 * slow.revert();   // removes it again (idempotent)
 * }</pre>
 */
public interface LinkFaults {

    /** Which way through a route a toxic acts, as in Toxiproxy. */
    enum Stream { UPSTREAM, DOWNSTREAM }

    /** The link names this topology routes through the proxy. */
    Set<String> links();

    /**
     * A toxic of Toxiproxy type {@code type} ({@code latency}, {@code loss}, …) with Toxiproxy's
     * attribute names and units ({@code latency} and {@code jitter} in ms, …), added on inject and
     * removed on revert.
     *
     * @throws IllegalArgumentException for an unknown link or type, or a bad attribute (one line)
     */
    Fault toxic(String link, String type, Map<String, Object> attributes, Stream stream);

    /** Takes the link down ({@code enabled: false}) until reverted. */
    Fault down(String link);
}
