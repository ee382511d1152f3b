package io.sipdrill.environments.embedded;

import io.sipdrill.chaos.fault.Fault;
import io.sipdrill.environments.Endpoints;
import io.sipdrill.environments.Topology;

/**
 * The {@code embedded} topology: a primary registrar and a backup POP registrar in this JVM, each on
 * its own loopback address.
 *
 * <pre>{@code
 * try (EmbeddedTopology t = new EmbeddedTopology(EmbeddedTopologyConfig.defaults())) {
 *     t.start();
 *     Fault outage = t.registrarOutage(); // primary's capacity to 0 and back
 * }
 * }</pre>
 */
public final class EmbeddedTopology implements Topology {

    private final EmbeddedTopologyConfig config;
    private final EmbeddedRegistrar primary;
    private final EmbeddedRegistrar backup;
    private final CapacityFault outage;

    public EmbeddedTopology(EmbeddedTopologyConfig config) {
        this.config = config;
        this.primary = new EmbeddedRegistrar(config.registrar("primary", config.primary()));
        this.backup = new EmbeddedRegistrar(config.registrar("backup", config.backup()));
        this.outage = new CapacityFault("registrar-outage", "registrar", primary.capacity(), 0.0);
    }

    @Override
    public String name() {
        return "embedded";
    }

    /**
     * @throws IllegalStateException if an address is already in use or a registrar does not answer OPTIONS
     */
    @Override
    public void start() throws Exception {
        try {
            // Each start() returns only once its registrar answers OPTIONS.
            primary.start();
            backup.start();
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    @Override
    public Endpoints endpoints() {
        return new Endpoints(primary.endpoint(), backup.endpoint());
    }

    /** Name {@code registrar-outage}, target {@code registrar}: the primary's capacity goes to 0 and back to 1. */
    @Override
    public Fault registrarOutage() {
        return outage;
    }

    public EmbeddedTopologyConfig config() {
        return config;
    }

    public EmbeddedRegistrar primaryRegistrar() {
        return primary;
    }

    public EmbeddedRegistrar backupRegistrar() {
        return backup;
    }

    @Override
    public void close() {
        outage.revert();
        primary.close();
        backup.close();
    }
}
