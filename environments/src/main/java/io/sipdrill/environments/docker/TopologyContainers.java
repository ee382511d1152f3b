package io.sipdrill.environments.docker;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * The containers a started {@link DockerTopology} runs on, by target name: the ones it started
 * ({@link StartedContainers}) or the compose stack's it attached to ({@link AttachedContainers}).
 * Everything after discovery (health, faults, logs) works the same on either.
 */
interface TopologyContainers {

    /** {@code START} or {@code ATTACH}: how these were got. */
    DockerTopologyConfig.Mode mode();

    /** The id of {@code target}'s container now, empty if it has none. */
    Optional<String> containerId(String target);

    /** The compose fault proxy's Toxiproxy API, when its container runs beside these. */
    Optional<InetSocketAddress> faultProxyApi();

    /** Removes the containers this run started; leaves the user's alone. Never throws. */
    void close();
}
