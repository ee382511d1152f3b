package io.sipdrill.environments.embedded;

import io.sipdrill.chaos.fault.Fault;
import io.sipdrill.chaos.fault.FaultTargets;
import io.sipdrill.chaos.fault.AppliedFaults;
import io.sipdrill.environments.CallRoles;
import io.sipdrill.environments.Endpoints;
import io.sipdrill.environments.HandsetTls;
import io.sipdrill.environments.SipEndpoint;
import io.sipdrill.environments.Topology;
import io.sipdrill.environments.embedded.pbx.EmbeddedPbx;
import io.sipdrill.environments.embedded.pbx.PbxConfig;
import io.sipdrill.load.calls.Voicemail;
import io.sipdrill.load.sip.call.Media;
import io.sipdrill.load.sip.transaction.SipTimers;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code embedded} topology: a primary registrar and a backup POP registrar in this JVM, each on
 * its own loopback address; with {@link #enableCalls} also PBX instances and a voicemail beside each
 * POP. {@link #faults()} squeezes, freezes, kills and restarts the registrars and PBX instances.
 *
 * <pre>{@code
 * try (EmbeddedTopology t = new EmbeddedTopology(EmbeddedTopologyConfig.defaults())) {
 *     t.start();
 *     Fault outage = t.registrarOutage(); // primary's capacity to 0 and back
 *     t.faults().restart("registrar");    // a fresh registrar on the same address, bindings lost
 * }
 * }</pre>
 */
public final class EmbeddedTopology implements Topology {

    private final EmbeddedTopologyConfig config;
    private final ServerSlot<EmbeddedRegistrar> primary;
    private final ServerSlot<EmbeddedRegistrar> backup;
    /** PBX slots by target name (pbx-1…, backup-pbx-1…), in start order. */
    private final Map<String, ServerSlot<EmbeddedPbx>> pbxs = new LinkedHashMap<>();
    private final List<AutoCloseable> voicemails = new ArrayList<>();
    private final AppliedFaults applied = new AppliedFaults();
    private final EmbeddedFaultTargets faults;
    private final CapacityFault outage;
    private volatile CallRouting primaryRouting;
    private volatile CallRouting backupRouting;
    private volatile HandsetTls.KeyStoreFile primaryKeys; // null: UDP only
    private volatile HandsetTls.KeyStoreFile backupKeys;
    private CallRoles calls;
    private Media voicemailMedia;
    private volatile boolean closed;

    public EmbeddedTopology(EmbeddedTopologyConfig config) {
        this.config = config;
        this.primary = new ServerSlot<>(EmbeddedFaultTargets.REGISTRAR,
                () -> startRegistrar(config.registrar("primary", config.primary()), primaryRouting, primaryKeys));
        this.backup = new ServerSlot<>(EmbeddedFaultTargets.BACKUP,
                () -> startRegistrar(config.registrar("backup", config.backup()), backupRouting, backupKeys));
        this.faults = new EmbeddedFaultTargets(this, applied);
        this.outage = applied.holding(new CapacityFault("registrar-outage", EmbeddedFaultTargets.REGISTRAR,
                () -> primary.running().map(EmbeddedRegistrar::capacity), 0.0));
    }

    private static EmbeddedRegistrar startRegistrar(RegistrarConfig config, CallRouting routing,
                                                    HandsetTls.KeyStoreFile tlsKeys) {
        EmbeddedRegistrar registrar = new EmbeddedRegistrar(config);
        if (routing != null) {
            registrar.routeCalls(routing);
        }
        if (tlsKeys != null) {
            // A restarted registrar presents the same certificate: the handsets' trust does not change.
            registrar.listenTls(HandsetTls.PORT, tlsKeys.file(), tlsKeys.password());
        }
        try {
            // Returns only once the registrar answers OPTIONS.
            registrar.start();
        } catch (RuntimeException e) {
            registrar.close();
            throw e;
        }
        return registrar;
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
    public void enableCalls(CallRoles roles, Media media) {
        this.calls = roles;
        this.voicemailMedia = media;
        this.primaryRouting = new CallRouting(roles.carrier(), roles.primaryPbxs());
        this.backupRouting = new CallRouting(roles.carrier(), roles.backupPbxs());
        pbxs.clear();
        addPbxs("pbx", roles.primaryPbxs(), config.primary(), roles.primaryVoicemail());
        addPbxs("backup-pbx", roles.backupPbxs(), config.backup(), roles.backupVoicemail());
    }

    private void addPbxs(String prefix, List<InetSocketAddress> addresses, InetSocketAddress pop, InetSocketAddress voicemail) {
        for (int i = 0; i < addresses.size(); i++) {
            PbxConfig pbx = new PbxConfig(prefix + "-" + (i + 1), addresses.get(i), pop, voicemail, calls.carrier(), calls.noAnswer());
            // The PBX's own SIP timers are real time: calls are not time-scaled.
            pbxs.put(pbx.name(), new ServerSlot<>(pbx.name(), () -> EmbeddedPbx.start(pbx, SipTimers.RFC3261)));
        }
    }

    private void startCallServers() throws Exception {
        for (ServerSlot<EmbeddedPbx> pbx : pbxs.values()) {
            pbx.start();
        }
        voicemails.add(new Voicemail(calls.primaryVoicemail(), SipTimers.RFC3261, voicemailMedia));
        voicemails.add(new Voicemail(calls.backupVoicemail(), SipTimers.RFC3261, voicemailMedia));
    }

    /**
     * Both registrars also listen for TLS on port {@value HandsetTls#PORT} of their addresses, with
     * certificates from {@code tls}'s CA (written as PKCS12 now). Before {@link #start()}.
     */
    @Override
    public void enableTls(HandsetTls tls) {
        primaryKeys = tls.writePkcs12(HandsetTls.PRIMARY, config.primary().getAddress());
        backupKeys = tls.writePkcs12(HandsetTls.BACKUP, config.backup().getAddress());
    }

    /** The call roles, when {@link #enableCalls} was called. */
    public Optional<CallRoles> callRoles() {
        return Optional.ofNullable(calls);
    }

    @Override
    public Endpoints endpoints() {
        return new Endpoints(new SipEndpoint("primary", config.primary(), config.realm()),
                new SipEndpoint("backup", config.backup(), config.realm()));
    }

    /** Name {@code registrar-outage}, target {@code registrar}: the primary's capacity goes to 0 and back to 1. */
    @Override
    public Fault registrarOutage() {
        return outage;
    }

    /**
     * Targets {@code registrar}, {@code backup}, and with calls {@code pbx-1..k} and
     * {@code backup-pbx-1..m} (see {@link EmbeddedFaultTargets}).
     */
    @Override
    public FaultTargets faults() {
        return faults;
    }

    public EmbeddedTopologyConfig config() {
        return config;
    }

    /** The primary registrar started last (a restart replaces it). */
    public EmbeddedRegistrar primaryRegistrar() {
        return primary.latest();
    }

    /** The backup registrar started last (a restart replaces it). */
    public EmbeddedRegistrar backupRegistrar() {
        return backup.latest();
    }

    /** The PBX instance {@code target} ({@code pbx-1}, {@code backup-pbx-1}) started last. */
    public EmbeddedPbx pbx(String target) {
        return pbxSlot(target).orElseThrow(() -> new IllegalArgumentException("no PBX " + target)).latest();
    }

    Optional<ServerSlot<EmbeddedRegistrar>> registrarSlot(String target) {
        return switch (target) {
            case EmbeddedFaultTargets.REGISTRAR -> Optional.of(primary);
            case EmbeddedFaultTargets.BACKUP -> Optional.of(backup);
            default -> Optional.empty();
        };
    }

    Optional<ServerSlot<EmbeddedPbx>> pbxSlot(String target) {
        return Optional.ofNullable(pbxs.get(target));
    }

    List<String> pbxNames() {
        return List.copyOf(pbxs.keySet());
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        // Closed first, so reverting a kill does not start a server again only to stop it.
        closed = true;
        // Released first: a PBX whose loop a fault holds could not close.
        applied.revertAll();
        primary.stop();
        backup.stop();
        pbxs.values().forEach(ServerSlot::stop);
        for (AutoCloseable server : voicemails) {
            try {
                server.close();
            } catch (Exception e) {
                // closing the rest anyway
            }
        }
        voicemails.clear();
    }
}
