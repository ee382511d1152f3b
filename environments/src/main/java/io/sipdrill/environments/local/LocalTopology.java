package io.sipdrill.environments.local;

import io.sipdrill.chaos.fault.Fault;
import io.sipdrill.chaos.fault.FreezeFault;
import io.sipdrill.environments.CallRoles;
import io.sipdrill.environments.Endpoints;
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
import java.util.List;
import java.util.Optional;

/**
 * The {@code local} topology: the primary registrar and the backup POP as two Kamailio processes
 * from the Debian package, on their own loopback addresses. The registrar outage freezes the
 * primary (it keeps its socket and stays silent, as a wedged server does). With
 * {@link #enableCalls} the two POPs also route calls, each PBX instance is a Kamailio process of
 * its own ({@code pbx.cfg}), and sipdrill's {@link Voicemail} answers beside each POP.
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
    private KamailioProcess primary;
    private KamailioProcess backup;
    private final List<KamailioProcess> pbxs = new ArrayList<>();
    private final List<Voicemail> voicemails = new ArrayList<>();
    private FreezeFault outage;

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
            primary = instance("primary", KamailioScript.registrar(registrarCfg), config.primary());
            backup = instance("backup", KamailioScript.registrar(registrarCfg), config.backup());
        } else {
            primary = instance("primary", popScript("primary", registrarCfg, calls.primaryPbxs()), config.primary());
            backup = instance("backup", popScript("backup", registrarCfg, calls.backupPbxs()), config.backup());
            Path pbxCfg = KamailioConfigFile.pbxBeside(registrarCfg);
            addPbxs("pbx", pbxCfg, calls.primaryPbxs(), config.primary(), calls.primaryVoicemail());
            addPbxs("backup-pbx", pbxCfg, calls.backupPbxs(), config.backup(), calls.backupVoicemail());
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
            outage = FreezeFault.of("registrar-outage", "registrar", this::primaryProcess);
        }
        return outage;
    }

    private synchronized Optional<ProcessHandle> primaryProcess() {
        return primary == null ? Optional.empty() : primary.handle();
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
        if (outage != null) {
            try {
                // Thaw first: a frozen process cannot act on SIGTERM, and a frozen cgroup would outlive us.
                outage.revert();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "could not revert " + outage.name(), e);
            }
        }
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
