package io.sipdrill.chaos.fault.container;

import java.util.Optional;
import java.util.Set;

/**
 * Which container a target name is, as the docker topology knows it: looked up at inject time, so
 * a fault after a restart or a re-created container acts on the one running then.
 */
public interface ContainerLookup {

    /** The target names ({@code registrar}, {@code backup}, {@code pbx-1}, …), in a stable order. */
    Set<String> names();

    /** The id of {@code target}'s container, empty when the topology has not created it (yet). */
    Optional<String> containerId(String target);

    /**
     * Returns once {@code target} answers SIP again after a start, unpause or restart (the
     * topology's health check, SIP OPTIONS); throws when it does not within the topology's start timeout.
     */
    void awaitHealthy(String target) throws Exception;
}
