package io.sipdrill.environments.local;

import io.sipdrill.chaos.fault.Fault;
import io.sipdrill.chaos.fault.FaultTargets;
import io.sipdrill.chaos.fault.FreezeFault;
import io.sipdrill.chaos.fault.AppliedFaults;
import io.sipdrill.chaos.fault.TargetWatch;
import io.sipdrill.environments.CallRoles;
import io.sipdrill.environments.Endpoints;
import io.sipdrill.environments.HandsetTls;
import io.sipdrill.environments.SipEndpoint;
import io.sipdrill.environments.Topology;
import io.sipdrill.load.calls.Voicemail;
import io.sipdrill.load.sip.call.Media;
import io.sipdrill.load.sip.transaction.SipTimers;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code local} topology: the primary registrar and the backup POP as two Kamailio processes
 * from the Debian package, on their own loopback addresses. The registrar outage freezes the
 * primary (it keeps its socket and stays silent, as a wedged server does). With
 * {@link #enableCalls} the two POPs also route calls, each PBX instance is a Kamailio process of
 * its own ({@code pbx.cfg}), and sipdrill's {@link Voicemail} answers beside each POP.
 * {@link #faults()} squeezes, freezes, kills and restarts any of these Kamailio instances.
 *
 * <pre>{@code
 * try (LocalTopology topology = new LocalTopology(LocalTopologyConfig.defaults(runDir))) {
 *     topology.enableCalls(CallRoles.defaults(carrier), Media.NONE); // optional
 *     topology.start();
 *     Fault outage = topology.registrarOutage();
 *     outage.inject();
 *     ...
 *     topology.collectLogs(reportDir);
 * }
 * }</pre>
 */
public final class LocalTopology implements Topology {

    private static final System.Logger LOG = System.getLogger(LocalTopology.class.getName());

    private final LocalTopologyConfig config;
    private CallRoles calls;
    private Media voicemailMedia = Media.NONE;
    private Path primaryCertificates; // null: no TLS
    private Path backupCertificates;
    private KamailioProcess primary;
    private KamailioProcess backup;
    private final List<KamailioProcess> pbxs = new ArrayList<>();
    private final List<Voicemail> voicemails = new ArrayList<>();
    private FreezeFault outage;
    private final AppliedFaults applied = new AppliedFaults();
    private final LocalFaultTargets faults = new LocalFaultTargets(this, applied);
    private boolean closed;
    private volatile TargetWatch watch = TargetWatch.NONE;

    public LocalTopology(LocalTopologyConfig config) {
        this.config = config;
    }

    @Override
    public String name() {
        return "local";
    }

    /**
     * Before {@link #start()}: the POPs route calls (CALL-ROUTING.md), and start() also runs one
     * Kamailio per PBX instance and a voicemail beside each POP, at the addresses in {@code roles}.
     */
    @Override
    public synchronized void enableCalls(CallRoles roles, Media voicemailMedia) {
        if (primary != null) {
            throw new IllegalStateException("enableCalls must come before start()");
        }
        this.calls = roles;
        this.voicemailMedia = voicemailMedia == null ? Media.NONE : voicemailMedia;
    }

    /**
     * Both POPs also take SIP over TLS on port {@value HandsetTls#PORT} of their addresses
     * (registrar.cfg's {@code WITH_TLS}; Debian's kamailio-tls-modules), with certificates from
     * {@code tls}'s CA (written as PEM now). Before {@link #start()}.
     */
    @Override
    public synchronized void enableTls(HandsetTls tls) {
        if (primary != null) {
            throw new IllegalStateException("enableTls must come before start()");
        }
        primaryCertificates = tls.writePem(HandsetTls.PRIMARY, config.primary().getAddress());
        backupCertificates = tls.writePem(HandsetTls.BACKUP, config.backup().getAddress());
    }

    private static KamailioScript withTls(KamailioScript script, Path certificates, InetSocketAddress pop) {
        return certificates == null ? script : script.withTls(HandsetTls.listener(pop), certificates);
    }

    /** The call roles, when {@link #enableCalls} was called. */
    public synchronized Optional<CallRoles> callRoles() {
        return Optional.ofNullable(calls);
    }

    @Override
    public synchronized void start() throws Exception {
        if (!Files.isExecutable(config.kamailio())) {
            throw new IllegalStateException(KamailioProcess.NOT_INSTALLED + " (no executable at " + config.kamailio() + ")");
        }
        // All checked before anything starts: a Kamailio stopped mid-initialisation can take the whole grace period.
        addresses().forEach(KamailioProcess::requireFree);
        Files.createDirectories(config.runDir());
        Path registrarCfg = KamailioConfigFile.locate(config.configFile(), config.runDir());
        if (calls == null) {
            primary = instance("primary", withTls(KamailioScript.registrar(registrarCfg), primaryCertificates, config.primary()),
                    config.primary());
            backup = instance("backup", withTls(KamailioScript.registrar(registrarCfg), backupCertificates, config.backup()),
                    config.backup());
        } else {
            primary = instance("primary", withTls(popScript("primary", registrarCfg, calls.primaryPbxs()), primaryCertificates,
                    config.primary()), config.primary());
            backup = instance("backup", withTls(popScript("backup", registrarCfg, calls.backupPbxs()), backupCertificates,
                    config.backup()), config.backup());
            Path pbxCfg = KamailioConfigFile.pbxBeside(registrarCfg);
            addPbxs("pbx", pbxCfg, calls.primaryPbxs(), config.primary(), calls.primaryVoicemail());
            addPbxs("backup-pbx", pbxCfg, calls.backupPbxs(), config.backup(), calls.backupVoicemail());
        }
        for (KamailioProcess instance : instances()) {
            String target = instance.name().equals("primary") ? LocalFaultTargets.REGISTRAR : instance.name();
            instance.onUnplannedExit(detail -> {
                if (!isClosed()) {
                    watch.died(target, detail);
                }
            });
        }
        try {
            for (KamailioProcess instance : instances()) {
                instance.start();
            }
            if (calls != null) {
                // The PBX's timers are Kamailio's own, in real time: calls are not time-scaled.
                voicemails.add(new Voicemail(calls.primaryVoicemail(), SipTimers.RFC3261, voicemailMedia));
                voicemails.add(new Voicemail(calls.backupVoicemail(), SipTimers.RFC3261, voicemailMedia));
            }
            for (KamailioProcess instance : instances()) {
                instance.awaitHealthy(config.startTimeout());
            }
            awaitVoicemails();
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    /** Every UDP address this topology binds (the carrier is the load's, not ours). */
    private List<InetSocketAddress> addresses() {
        List<InetSocketAddress> all = new ArrayList<>(List.of(config.primary(), config.backup()));
        if (calls != null) {
            all.addAll(calls.primaryPbxs());
            all.addAll(calls.backupPbxs());
            all.add(calls.primaryVoicemail());
            all.add(calls.backupVoicemail());
        }
        return all;
    }

    private KamailioScript popScript(String name, Path registrarCfg, List<InetSocketAddress> popPbxs) throws IOException {
        Path list = DispatcherList.write(instanceDir(name).resolve("dispatcher.list"), popPbxs, calls.carrier());
        return KamailioScript.callRoutingPop(registrarCfg, list);
    }

    private void addPbxs(String prefix, Path pbxCfg, List<InetSocketAddress> addresses, InetSocketAddress pop,
                         InetSocketAddress voicemail) {
        for (int i = 0; i < addresses.size(); i++) {
            KamailioScript script = KamailioScript.pbx(pbxCfg, pop, voicemail, calls.carrier(), calls.noAnswer());
            pbxs.add(instance(prefix + "-" + (i + 1), script, addresses.get(i)));
        }
    }

    private void awaitVoicemails() throws IOException, InterruptedException {
        SipOptionsProbe probe = new SipOptionsProbe(java.time.Duration.ofMillis(200));
        for (Voicemail voicemail : voicemails) {
            if (!probe.awaitOk(voicemail.address(), config.startTimeout())) {
                throw new IllegalStateException("voicemail on " + KamailioScript.hostPort(voicemail.address())
                        + " did not answer OPTIONS with 200 within " + config.startTimeout());
            }
        }
    }

    private KamailioProcess instance(String name, KamailioScript script, InetSocketAddress address) {
        return new KamailioProcess(name, address, config.kamailio(), script, instanceDir(name), config.children(),
                config.stopGrace());
    }

    private Path instanceDir(String name) {
        return config.runDir().resolve("kamailio-" + name);
    }

    @Override
    public Endpoints endpoints() {
        return new Endpoints(new SipEndpoint("primary", config.primary(), config.realm()),
                new SipEndpoint("backup", config.backup(), config.realm()));
    }

    @Override
    public synchronized Fault registrarOutage() {
        if (outage == null) {
            // Looked up at inject time: the fault always freezes the primary that is running then.
            outage = applied.holding(FreezeFault.of("registrar-outage", LocalFaultTargets.REGISTRAR,
                    () -> process(LocalFaultTargets.REGISTRAR)));
        }
        return outage;
    }

    /**
     * Targets {@code registrar} (the primary), {@code backup}, and with calls {@code pbx-1..k} and
     * {@code backup-pbx-1..m}: each a Kamailio process tree (see {@link LocalFaultTargets}).
     */
    @Override
    public FaultTargets faults() {
        return faults;
    }

    /** The target names, known from the config and call roles before {@link #start()}. */
    synchronized Set<String> targetNames() {
        Set<String> names = new LinkedHashSet<>(List.of(LocalFaultTargets.REGISTRAR, "backup"));
        if (calls != null) {
            for (int i = 1; i <= calls.primaryPbxs().size(); i++) {
                names.add("pbx-" + i);
            }
            for (int i = 1; i <= calls.backupPbxs().size(); i++) {
                names.add("backup-pbx-" + i);
            }
        }
        return names;
    }

    /** The running main process of {@code target}'s instance, empty before start or while it is down. */
    Optional<ProcessHandle> process(String target) {
        return instance(target).flatMap(KamailioProcess::handle);
    }

    /** {@code target}'s Kamailio instance, once started ({@code registrar} is the one named primary). */
    synchronized Optional<KamailioProcess> instance(String target) {
        String instanceName = target.equals(LocalFaultTargets.REGISTRAR) ? "primary" : target;
        return instances().stream().filter(instance -> instance.name().equals(instanceName)).findFirst();
    }

    /**
     * Stops and starts {@code target}'s instance on the same address, health-checked; a freeze or
     * squeeze on it is released first (a frozen process could not stop). Not under the topology's
     * lock, so faults on other targets go on meanwhile. A no-op once closed.
     */
    void restart(String target) throws Exception {
        KamailioProcess instance = instance(target)
                .orElseThrow(() -> new IllegalStateException(target + " is not running (start the topology first)"));
        if (isClosed()) {
            return;
        }
        applied.releaseHolds(target);
        boolean wasDead = instance.diedUnplanned();
        instance.restart(config.startTimeout());
        if (wasDead) {
            watch.back(target, "restarted");
        }
    }

    /** See {@link FaultTargets#watch}: the Kamailio instances' unplanned exits, and their restarts after one. */
    void watch(TargetWatch watch) {
        this.watch = watch;
    }

    /**
     * What reverting a kill does: start {@code target} again unless something else (an operator's
     * restart) already did, and wait until it answers. A no-op once closed, so the rollbacks of an
     * aborted drill never start a server the topology has stopped.
     */
    void startAgain(String target) throws Exception {
        Optional<KamailioProcess> instance = instance(target);
        if (isClosed() || instance.isEmpty()) {
            return;
        }
        if (instance.get().handle().isEmpty()) {
            boolean wasDead = instance.get().diedUnplanned();
            instance.get().restart(config.startTimeout());
            if (wasDead) {
                watch.back(target, "started again");
            }
        } else {
            instance.get().awaitHealthy(config.startTimeout());
        }
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    /** The Kamailio instances: primary, backup, then the PBX instances (empty before {@link #start()}). */
    public synchronized List<KamailioProcess> instances() {
        if (primary == null) {
            return List.of();
        }
        List<KamailioProcess> all = new ArrayList<>(List.of(primary, backup));
        all.addAll(pbxs);
        return List.copyOf(all);
    }

    @Override
    public synchronized void collectLogs(Path reportDir) {
        for (KamailioProcess instance : instances()) {
            try {
                if (Files.exists(instance.logFile())) {
                    Files.createDirectories(reportDir);
                    Files.copy(instance.logFile(), reportDir.resolve("kamailio-" + instance.name() + ".log"),
                            StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException e) {
                LOG.log(Level.WARNING, "could not copy " + instance.logFile() + " to " + reportDir, e);
            }
        }
    }

    @Override
    public synchronized void close() {
        // Closed first, so reverting a kill does not start the server again only to stop it.
        closed = true;
        // Thaw and unsqueeze first: a frozen process cannot act on SIGTERM, and a cgroup would outlive us.
        applied.revertAll();
        for (KamailioProcess instance : instances()) {
            try {
                instance.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not stop kamailio " + instance.name(), e);
            }
        }
        for (Voicemail voicemail : voicemails) {
            try {
                voicemail.close();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not close the voicemail on " + voicemail.address(), e);
            }
        }
        voicemails.clear();
    }
}
