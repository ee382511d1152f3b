package io.sipdrill.environments.embedded;

import io.sipdrill.environments.CallRoles;
import java.net.InetSocketAddress;

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
    private final java.util.List<AutoCloseable> callServers = new java.util.ArrayList<>();
    private CallRoles calls;
    private io.sipdrill.load.sip.call.Media voicemailMedia;

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
            if (calls != null) {
                startCallServers();
            }
            // Each start() returns only once its registrar answers OPTIONS.
            primary.start();
            backup.start();
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    /**
     * PBX instances (back-to-back user agents on the lean engine) and a voicemail beside each POP,
     * and call routing in both registrars. Before {@link #start()}.
     */
    @Override
    public void enableCalls(CallRoles roles, io.sipdrill.load.sip.call.Media media) {
        this.calls = roles;
        this.voicemailMedia = media;
        primary.routeCalls(new CallRouting(roles.carrier(), roles.primaryPbxs()));
        backup.routeCalls(new CallRouting(roles.carrier(), roles.backupPbxs()));
    }

    private void startCallServers() {
        // The PBX's own SIP timers are real time: calls are not time-scaled.
        io.sipdrill.load.sip.transaction.SipTimers timers = io.sipdrill.load.sip.transaction.SipTimers.RFC3261;
        startPbxs("pbx", calls.primaryPbxs(), config.primary(), calls.primaryVoicemail(), timers);
        startPbxs("backup-pbx", calls.backupPbxs(), config.backup(), calls.backupVoicemail(), timers);
        callServers.add(new io.sipdrill.load.calls.Voicemail(calls.primaryVoicemail(), timers, voicemailMedia));
        callServers.add(new io.sipdrill.load.calls.Voicemail(calls.backupVoicemail(), timers, voicemailMedia));
    }

    private void startPbxs(String name, java.util.List<InetSocketAddress> addresses, InetSocketAddress pop,
                           InetSocketAddress voicemail, io.sipdrill.load.sip.transaction.SipTimers timers) {
        for (int i = 0; i < addresses.size(); i++) {
            callServers.add(io.sipdrill.environments.embedded.pbx.EmbeddedPbx.start(new io.sipdrill.environments.embedded.pbx.PbxConfig(
                    name + "-" + (i + 1), addresses.get(i), pop, voicemail, calls.carrier(), calls.noAnswer()), timers));
        }
    }

    /** The call roles, when {@link #enableCalls} was called. */
    public java.util.Optional<CallRoles> callRoles() {
        return java.util.Optional.ofNullable(calls);
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
        for (AutoCloseable server : callServers) {
            try {
                server.close();
            } catch (Exception e) {
                // closing the rest anyway
            }
        }
        callServers.clear();
    }
}
