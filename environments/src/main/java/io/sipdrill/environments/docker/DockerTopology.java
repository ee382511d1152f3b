package io.sipdrill.environments.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import eu.rekawek.toxiproxy.Proxy;
import io.sipdrill.chaos.fault.Fault;
import io.sipdrill.chaos.fault.container.ContainerFaultTargets;
import io.sipdrill.environments.CallRoles;
import io.sipdrill.environments.Endpoints;
import io.sipdrill.environments.HandsetLinks;
import io.sipdrill.environments.ProxiedLinks;
import io.sipdrill.environments.SipEndpoint;
import io.sipdrill.environments.Topology;
import io.sipdrill.environments.local.SipOptionsProbe;
import io.sipdrill.load.calls.Voicemail;
import io.sipdrill.load.sip.call.Media;
import io.sipdrill.load.sip.transaction.SipTimers;
import org.testcontainers.DockerClientFactory;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The {@code docker} topology: the same Kamailio roles as {@code local} (registrar, backup POP,
 * and with {@link #enableCalls} the PBX instances), each a host-networked container of the local
 * images on its own loopback address, with sipdrill's {@link Voicemail} beside each POP in this JVM.
 *
 * <p>{@link #start()} decides how it gets the containers ({@link DockerTopologyConfig.Mode}):
 * <ul>
 * <li><b>attach</b> when containers of {@code environments/docker/compose.yaml} run (label
 *     {@code io.sipdrill.topology=docker}, not started by a sipdrill run): each service must be
 *     there with the addresses this config expects, is health-checked, and is left running on
 *     close. The stack's {@code fault-proxy} becomes the handsets' links ({@link #handsetLinks()}).</li>
 * <li><b>start</b> otherwise: Testcontainers starts the same containers (same variables and
 *     labels, plus {@code io.sipdrill.run=<id>}), and close removes them. The handsets' links are
 *     then sipdrill's in-JVM proxy, as for {@code local}.</li>
 * </ul>
 * Either way faults act on the containers ({@link ContainerFaultTargets}: pause, CPU quota, kill,
 * restart) and close reverts the ones still applied; the registrar outage pauses the registrar.
 *
 * <pre>{@code
 * try (DockerTopology topology = new DockerTopology(DockerTopologyConfig.defaults())) {
 *     topology.enableCalls(CallRoles.defaults(carrier), Media.NONE); // optional
 *     topology.start();                                               // attach or start
 *     Fault outage = topology.registrarOutage();                      // docker pause registrar
 *     outage.inject();
 *     ...
 *     topology.collectLogs(reportDir);                                // docker-<target>.log
 * }
 * }</pre>
 */
public final class DockerTopology implements Topology {

    private static final System.Logger LOG = System.getLogger(DockerTopology.class.getName());
    private static final Duration PROBE_TIMEOUT = Duration.ofMillis(200);

    private final DockerTopologyConfig config;
    private final String runId = UUID.randomUUID().toString().substring(0, 8);
    private final DockerContainerLookup lookup = new DockerContainerLookup(this);
    private CallRoles calls;
    private Media voicemailMedia = Media.NONE;
    private DockerClient docker;
    private ContainerFaultTargets faults;
    // Volatile, not guarded: a fault's revert asks for its container from the drill's thread
    // while close() (holding this lock) may be reverting that same fault.
    private volatile List<DockerService> services;
    private volatile TopologyContainers containers;
    private final List<Voicemail> voicemails = new ArrayList<>();
    private Fault outage;
    private ToxiproxyLinkFaults linkFaults;
    private HandsetLinks handsetLinks;
    private Thread shutdownHook;
    private boolean closed;

    public DockerTopology(DockerTopologyConfig config) {
        this.config = config;
    }

    @Override
    public String name() {
        return "docker";
    }

    /**
     * Before {@link #start()}: the POPs route calls, a PBX container runs per PBX instance and a
     * voicemail beside each POP, at the addresses in {@code roles} (as {@code local} does).
     */
    @Override
    public synchronized void enableCalls(CallRoles roles, Media voicemailMedia) {
        if (services != null) {
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
        if (services != null) {
            throw new IllegalStateException("the docker topology was started already");
        }
        services = DockerService.plan(config, calls);
        DockerClient client = docker();
        // Registered first: an interrupted run must still remove what start() created.
        shutdownHook = new Thread(this::close, "sipdrill-docker-topology-close");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try {
            containers = containers(client);
            if (calls != null) {
                // The PBX's timers are Kamailio's own, in real time: calls are not time-scaled.
                voicemails.add(new Voicemail(calls.primaryVoicemail(), SipTimers.RFC3261, voicemailMedia));
                voicemails.add(new Voicemail(calls.backupVoicemail(), SipTimers.RFC3261, voicemailMedia));
            }
            // Started containers passed the same check in Testcontainers' wait; attached ones have not yet.
            for (DockerService service : services) {
                awaitHealthy(service.target());
            }
            for (Voicemail voicemail : voicemails) {
                requireAnswers("voicemail", voicemail.address());
            }
            if (containers.faultProxyApi().isPresent()) {
                handsetLinks = composeLinks(containers.faultProxyApi().get());
            }
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    /** Attach to compose's containers when they run (and the mode allows), else start our own. */
    private TopologyContainers containers(DockerClient client) {
        List<Container> running = config.mode() == DockerTopologyConfig.Mode.START ? List.of()
                : AttachedContainers.composeRunning(client);
        if (!running.isEmpty()) {
            requireFree(voicemailAddresses());
            return AttachedContainers.attach(client, services, running, config.faultProxyApi());
        }
        if (config.mode() == DockerTopologyConfig.Mode.ATTACH) {
            throw new IllegalStateException("no compose stack runs (no container labelled " + DockerService.TOPOLOGY_LABEL
                    + "=" + DockerService.TOPOLOGY_VALUE + "): docker-compose -f environments/docker/compose.yaml up -d");
        }
        DockerImages.requirePresent(client, DockerImages.of(services));
        // All checked before anything starts: a taken address would only show as a health-check timeout.
        List<InetSocketAddress> ours = new ArrayList<>(services.stream().map(DockerService::listen).toList());
        ours.addAll(voicemailAddresses());
        requireFree(ours);
        return StartedContainers.start(services, runId, config.startTimeout());
    }

    private List<InetSocketAddress> voicemailAddresses() {
        return calls == null ? List.of() : List.of(calls.primaryVoicemail(), calls.backupVoicemail());
    }

    /**
     * The compose fault proxy's two links, once its API answers; each must forward to the POP this
     * config expects, or the handsets would drill against some other stack.
     */
    private HandsetLinks composeLinks(InetSocketAddress api) throws InterruptedException {
        ToxiproxyLinkFaults links = new ToxiproxyLinkFaults(api);
        long deadline = System.nanoTime() + config.startTimeout().toNanos();
        while (true) {
            try {
                links.links();
                break;
            } catch (IllegalStateException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the compose fault-proxy's API at " + DockerService.hostPort(api)
                            + " did not answer within " + config.startTimeout() + ": " + notYet.getMessage(), notYet);
                }
                Thread.sleep(100);
            }
        }
        linkFaults = links;
        return new HandsetLinks(links, listen(links, ProxiedLinks.HANDSETS_TO_REGISTRAR, config.primary()),
                listen(links, ProxiedLinks.HANDSETS_TO_BACKUP, config.backup()));
    }

    private static InetSocketAddress listen(ToxiproxyLinkFaults links, String link, InetSocketAddress pop) {
        Proxy proxy;
        try {
            proxy = links.proxy(link);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the compose fault-proxy: " + e.getMessage(), e);
        }
        if (!DockerService.address(proxy.getUpstream()).equals(pop)) {
            throw new IllegalStateException("the compose fault-proxy's link " + link + " forwards to " + proxy.getUpstream()
                    + ", sipdrill expects " + DockerService.hostPort(pop));
        }
        return DockerService.address(proxy.getListen());
    }

    @Override
    public Endpoints endpoints() {
        return new Endpoints(new SipEndpoint("primary", config.primary(), config.realm()),
                new SipEndpoint("backup", config.backup(), config.realm()));
    }

    /** The registrar's container paused (silent, socket kept) until reverted; close() reverts it too. */
    @Override
    public synchronized Fault registrarOutage() {
        if (outage == null) {
            // Handed out by the fault targets, so their revertAll() on close unpauses it.
            outage = faults().freeze(DockerService.REGISTRAR, "registrar-outage");
        }
        return outage;
    }

    /**
     * Targets {@code registrar}, {@code backup}, and with calls {@code pbx-1..k} and
     * {@code backup-pbx-1..m}: each a container, found when a fault is injected. Needs a Docker daemon.
     */
    @Override
    public synchronized ContainerFaultTargets faults() {
        if (faults == null) {
            faults = new ContainerFaultTargets(docker(), lookup);
        }
        return faults;
    }

    /**
     * With a compose stack whose {@code fault-proxy} runs: its links (Toxiproxy API), also before
     * {@link #start()} (the CLI checks a drill file's links before anything starts, and must not
     * start its own proxy on the addresses compose's holds). Otherwise empty: sipdrill runs its
     * in-JVM proxy. A stack that turns out not to fit this config fails {@link #start()}.
     */
    @Override
    public synchronized Optional<HandsetLinks> handsetLinks() {
        if (handsetLinks == null && containers == null && config.mode() != DockerTopologyConfig.Mode.START) {
            List<Container> running = AttachedContainers.composeRunning(docker());
            Optional<InetSocketAddress> api = running.stream()
                    .filter(c -> c.getLabels() != null && DockerService.FAULT_PROXY.equals(c.getLabels().get(DockerService.TARGET_LABEL)))
                    .findFirst()
                    .map(c -> Optional.ofNullable(AttachedContainers.env(docker(), c.getId()).get(AttachedContainers.PROXY_API))
                            .map(DockerService::address).orElse(config.faultProxyApi()));
            if (api.isPresent()) {
                try {
                    handsetLinks = composeLinks(api.get());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while reaching the compose fault-proxy", e);
                }
            }
        }
        return Optional.ofNullable(handsetLinks);
    }

    /** {@code ATTACH} or {@code START} once started, empty before. */
    public synchronized Optional<DockerTopologyConfig.Mode> mode() {
        return Optional.ofNullable(containers).map(TopologyContainers::mode);
    }

    /** This run's id: the {@code io.sipdrill.run} label and name part of the containers it starts. */
    public String runId() {
        return runId;
    }

    /** The target names, known from the config and call roles before {@link #start()}. */
    synchronized Set<String> targetNames() {
        Set<String> names = new LinkedHashSet<>();
        DockerService.plan(config, calls).forEach(service -> names.add(service.target()));
        return names;
    }

    /** {@code target}'s container now (also {@code fault-proxy} when attached), empty before start. */
    Optional<String> containerId(String target) {
        TopologyContainers current = containers;
        return current == null ? Optional.empty() : current.containerId(target);
    }

    /** Returns once {@code target} answers OPTIONS with 200; throws (with its container's state then) if not in time. */
    void awaitHealthy(String target) throws IOException, InterruptedException {
        DockerService service = service(target);
        if (!answers(service.listen())) {
            String state = containerId(target).map(id -> " (container " + id.substring(0, 12) + ": " + state(id) + ")")
                    .orElse("");
            throw notAnswering(target, service.listen(), state);
        }
    }

    private void requireAnswers(String what, InetSocketAddress address) throws IOException, InterruptedException {
        if (!answers(address)) {
            throw notAnswering(what, address, "");
        }
    }

    private boolean answers(InetSocketAddress address) throws IOException, InterruptedException {
        return new SipOptionsProbe(PROBE_TIMEOUT).awaitOk(address, config.startTimeout());
    }

    private IllegalStateException notAnswering(String what, InetSocketAddress address, String state) {
        return new IllegalStateException(what + " on " + DockerService.hostPort(address) + " did not answer OPTIONS with 200 within "
                + config.startTimeout() + state);
    }

    private String state(String id) {
        try {
            InspectContainerResponse.ContainerState s = docker().inspectContainerCmd(id).exec().getState();
            return Boolean.TRUE.equals(s.getPaused()) ? "paused" : s.getStatus();
        } catch (RuntimeException e) {
            return "unknown: " + e.getMessage();
        }
    }

    private DockerService service(String target) {
        List<DockerService> planned = services;
        List<DockerService> known = planned != null ? planned : DockerService.plan(config, callRoles().orElse(null));
        return known.stream().filter(s -> s.target().equals(target)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown target " + target + "; the docker topology has "
                        + String.join(", ", targetNames())));
    }

    /** The Docker client, made on first use; a one-line error when no daemon answers. */
    synchronized DockerClient docker() {
        if (docker == null) {
            try {
                docker = DockerClientFactory.instance().client();
            } catch (RuntimeException e) {
                String why = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
                if (why.contains("ryuk") && !"true".equals(System.getenv("TESTCONTAINERS_RYUK_DISABLED"))) {
                    // Testcontainers reads this one from the environment only; this topology removes its own containers.
                    throw new IllegalStateException("Testcontainers could not get its Ryuk image (no registry?): set"
                            + " TESTCONTAINERS_RYUK_DISABLED=true (./sipdrill does), see environments/docker/README.md", e);
                }
                throw new IllegalStateException("no Docker daemon answers (" + why + "): start dockerd, or use --env local", e);
            }
        }
        return docker;
    }

    /** Each container's output so far into {@code reportDir/docker-<target>.log}. */
    @Override
    public void collectLogs(Path reportDir) {
        List<String> targets = new ArrayList<>(targetNames());
        targets.add(DockerService.FAULT_PROXY);
        for (String target : targets) {
            Optional<String> id = containerId(target);
            if (id.isEmpty()) {
                continue;
            }
            Path file = reportDir.resolve("docker-" + target + ".log");
            try {
                ContainerLogs.copy(docker(), id.get(), file);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "could not copy the log of " + target + " to " + file, e);
            }
        }
    }

    /**
     * Reverts the faults still applied (a paused container cannot stop in time), closes the
     * voicemails, and removes the containers this run started; attached ones run on. Never throws.
     */
    @Override
    public void close() {
        ContainerFaultTargets faults;
        ToxiproxyLinkFaults linkFaults;
        List<Voicemail> vms;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            faults = this.faults;
            linkFaults = this.linkFaults;
            vms = List.copyOf(voicemails);
            voicemails.clear();
        }
        // Not under this lock: a revert waits for its target's health, and asks this topology for its container.
        // The registrar outage is among these (a pause must end before its container can stop in time).
        if (faults != null) {
            faults.revertAll();
        }
        if (linkFaults != null) {
            linkFaults.revertAll();
        }
        for (Voicemail voicemail : vms) {
            try {
                voicemail.close();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not close the voicemail on " + voicemail.address(), e);
            }
        }
        TopologyContainers current = containers;
        if (current != null) {
            current.close();
        }
        removeShutdownHook();
    }

    private void removeShutdownHook() {
        if (shutdownHook == null || Thread.currentThread() == shutdownHook) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting: the hook runs close() again, which returns at once
        }
    }

    /** Fails with a clear message when something already holds one of the UDP addresses. */
    private static void requireFree(List<InetSocketAddress> addresses) {
        for (InetSocketAddress address : addresses) {
            try (DatagramSocket probe = new DatagramSocket(address)) {
                // Bound and released: nobody else listens there.
            } catch (SocketException e) {
                throw new IllegalStateException("udp " + DockerService.hostPort(address)
                        + " is already in use (another container, kamailio or sipdrill run?): " + e.getMessage(), e);
            }
        }
    }
}
