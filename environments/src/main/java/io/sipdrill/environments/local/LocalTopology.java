package io.sipdrill.environments.local;

import io.sipdrill.chaos.fault.Fault;
import io.sipdrill.chaos.fault.FreezeFault;
import io.sipdrill.environments.Endpoints;
import io.sipdrill.environments.SipEndpoint;
import io.sipdrill.environments.Topology;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * The {@code local} topology: the primary registrar and the backup POP as two Kamailio processes
 * from the Debian package, on their own loopback addresses. The registrar outage freezes the
 * primary (it keeps its socket and stays silent, as a wedged server does).
 *
 * <pre>{@code
 * try (LocalTopology topology = new LocalTopology(LocalTopologyConfig.defaults(runDir))) {
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
    private KamailioProcess primary;
    private KamailioProcess backup;
    private FreezeFault outage;

    public LocalTopology(LocalTopologyConfig config) {
        this.config = config;
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public synchronized void start() throws Exception {
        if (!Files.isExecutable(config.kamailio())) {
            throw new IllegalStateException(KamailioProcess.NOT_INSTALLED + " (no executable at " + config.kamailio() + ")");
        }
        // Both checked before either starts: a Kamailio stopped mid-initialisation can take the whole grace period.
        KamailioProcess.requireFree(config.primary());
        KamailioProcess.requireFree(config.backup());
        Files.createDirectories(config.runDir());
        Path configFile = KamailioConfigFile.locate(config.configFile(), config.runDir());
        primary = instance("primary", configFile, config.primary());
        backup = instance("backup", configFile, config.backup());
        try {
            primary.start();
            backup.start();
            primary.awaitHealthy(config.startTimeout());
            backup.awaitHealthy(config.startTimeout());
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    private KamailioProcess instance(String name, Path configFile, InetSocketAddress address) {
        return new KamailioProcess(name, address, config.kamailio(), configFile,
                config.runDir().resolve("kamailio-" + name), config.children(), config.stopGrace());
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

    /** The Kamailio instances, primary first (empty before {@link #start()}). */
    public synchronized List<KamailioProcess> instances() {
        return primary == null ? List.of() : List.of(primary, backup);
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
    }
}
