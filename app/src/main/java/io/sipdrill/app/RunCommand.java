package io.sipdrill.app;

import io.sipdrill.chaos.api.ApiJson;
import io.sipdrill.chaos.drill.DrillPlan;
import io.sipdrill.chaos.drill.DrillRunner;
import io.sipdrill.chaos.drill.gatling.GatlingDrillLoad;
import io.sipdrill.chaos.drill.shard.HandsetRange;
import io.sipdrill.chaos.drill.shard.Shard;
import io.sipdrill.load.handset.FleetConfig;
import io.sipdrill.chaos.drill.DrillTarget;
import io.sipdrill.chaos.drill.NoLinks;
import io.sipdrill.chaos.drill.file.DrillFile;
import io.sipdrill.chaos.drill.file.DrillFileCheck;
import io.sipdrill.chaos.drill.file.DrillFileException;
import io.sipdrill.chaos.drill.file.DrillFileParser;
import io.sipdrill.chaos.fault.FaultTargets;
import io.sipdrill.chaos.fault.LinkFaults;
import io.sipdrill.dashboards.DrillReport;
import io.sipdrill.dashboards.ReportResult;
import io.sipdrill.environments.CallRoles;
import io.sipdrill.environments.HandsetLinks;
import io.sipdrill.environments.HandsetTls;
import io.sipdrill.environments.docker.DockerTopology;
import io.sipdrill.environments.docker.DockerTopologyConfig;
import io.sipdrill.environments.ProxiedLinks;
import io.sipdrill.environments.SipEndpoint;
import io.sipdrill.environments.Endpoints;
import io.sipdrill.environments.Topology;
import io.sipdrill.environments.embedded.EmbeddedTopology;
import io.sipdrill.environments.embedded.EmbeddedTopologyConfig;
import io.sipdrill.environments.local.LocalTopology;
import io.sipdrill.environments.local.LocalTopologyConfig;
import io.sipdrill.load.journal.Journal;
import io.sipdrill.load.journal.JsonLinesJournal;
import io.sipdrill.load.sip.call.Media;
import io.sipdrill.load.sip.transport.SipTransport;
import io.sipdrill.load.tls.TlsTrust;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code sipdrill run [DRILL | FILE.yaml]}: a built-in drill or a drill file on a topology, then the
 * report. A drill file is read and checked against the topology before anything starts.
 * Exit 0 when every SLO holds, 1 when one fails (or the steady state did not hold before or after
 * the method), 2 for bad input.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a drill. registrar-overload (default): the June incident, drills/registrar-overload.yaml.",
                "registrar-outage: handsets register, the primary registrar goes dark,",
                "they fail over to the backup POP and fail back; the report says how long it took.",
                "call-load: handsets register, the carrier calls their DDIs and they call out, 5/s each for 60 s.",
                "FILE.yaml: a drill file (see drills/); --handsets and --time-scale override the file's."})
final class RunCommand implements Callable<Integer> {

    static final String DOMAIN = "sipdrill.test";
    static final List<String> DRILLS = List.of("registrar-outage", "call-load");

    @Parameters(index = "0", arity = "0..1", paramLabel = "DRILL", defaultValue = "registrar-overload",
            description = "a drill of the drills/ folder by name (registrar-overload, the June incident, is the default;"
                    + " registrar-outage, call-load, registrar-latency, pbx-cpu-spike, pbx-cpu-burn, backup-pop-down) or a drill file (*.yaml)")
    String drill;

    @Option(names = "--env", paramLabel = "ENV", defaultValue = "embedded",
            description = "embedded (in-JVM servers, default), local (Kamailio processes), docker (Kamailio containers: the running"
                    + " compose stack of environments/docker/compose.yaml, else started for the run), external (--registrar/--backup)")
    String env;

    @Option(names = "--handsets", paramLabel = "N",
            description = "handsets to simulate (default 500; call-load: 200; a drill file: its population.handsets)")
    Integer handsets;

    @Option(names = "--time-scale", paramLabel = "X",
            description = "real minutes per drill minute: 20 plays the 40-minute outage drill in 2 (default 20; call-load: 1; a drill file: its time-scale)")
    Double timeScale;

    @Option(names = "--no-rtp", description = "calls carry signalling only, no RTP media (the drill's RTP SLOs are dropped)")
    boolean noRtp;

    @Option(names = "--calls-for", paramLabel = "SECONDS",
            description = "call-load: place calls for this long (default 60); the drill ends 15 s after")
    Integer callsFor;

    @Option(names = "--report", paramLabel = "DIR", description = "report folder (default target/sipdrill-runs/TIME-DRILL)")
    Path report;

    @Option(names = "--registrar", paramLabel = "HOST:PORT", description = "your primary registrar (implies --env external)")
    String registrar;

    @Option(names = "--backup", paramLabel = "HOST:PORT", description = "your backup POP (implies --env external)")
    String backup;

    @Option(names = "--allow-target", paramLabel = "CIDR", description = "allow targets in this block outside 127.0.0.0/8 (repeatable)")
    List<String> allowTargets = new ArrayList<>();

    @Option(names = "--metrics", paramLabel = "HOST:PORT",
            description = "serve live Prometheus metrics at http://HOST:PORT/metrics during the run (off by default;"
                    + " environments/docker/compose.yaml's Prometheus scrapes 127.0.5.99:9464)")
    String metricsAddress;

    @Option(names = "--shard", paramLabel = "I/N",
            description = "simulate shard I of N (I from 0 to N-1) of the population: handsets I*(H/N) … (I+1)*(H/N)-1,"
                    + " the last shard taking the remainder; needs --env external (one shared target) and a drill"
                    + " without faults; merge the shards' journals with sipdrill report J0 J1 …")
    String shard;

    @Option(names = "--handset-address", paramLabel = "IP",
            description = "the handsets' local address (default 127.0.3.1): on loopback they use 4 consecutive"
                    + " addresses from it, on any other address (a pod's IP) that one address")
    String handsetAddress;

    @Option(names = "--pop-blocks", paramLabel = "PRIMARY,BACKUP",
            description = "--env embedded or local: the two /24 blocks (e.g. 127.0.230,127.0.231) the POPs' hosts use instead of"
                    + " 127.0.1 and 127.0.2: registrar at .1:5060, PBXs at .11, .12, voicemail at .30; the backup POP likewise"
                    + " (the carrier stays where the drill puts it)")
    String popBlocks;

    @Option(names = "--max-handsets", paramLabel = "N",
            description = "refuse to simulate more handsets than this in one process (default ${DEFAULT-VALUE}; shard beyond it)")
    int maxHandsets = LoadBounds.DEFAULT_MAX_HANDSETS;

    @Option(names = "--max-register-rate", paramLabel = "PER_S",
            description = "refuse a drill whose ramp or refreshes schedule more REGISTER/s than this (default ${DEFAULT-VALUE})")
    double maxRegisterRate = LoadBounds.DEFAULT_MAX_REGISTER_RATE;

    @Option(names = "--max-run-time", paramLabel = "DURATION",
            description = "refuse a drill that would run longer than this in real time, e.g. 30m, 2h (default 24h)")
    String maxRunTime = "24h";

    @Option(names = "--transport", paramLabel = "udp|tls",
            description = "what handsets register over (default: the drill file's population.register.transport, else udp);"
                    + " tls: --env embedded and local give both POPs a TLS listener on port 5061 with certificates from a CA"
                    + " made for the run; registrations only, not with calls")
    String transport;

    @Option(names = "--trust", paramLabel = "CA.pem",
            description = "--env external with --transport tls: the CA certificates (PEM) your registrar's and backup's"
                    + " certificates are verified against; give --registrar/--backup their TLS ports")
    Path trust;

    private MetricsOption metrics;

    @Override
    public Integer call() throws Exception {
        // Before anything else: a bad --metrics address is bad input, and the endpoint is up when the drill starts.
        try (MetricsOption m = MetricsOption.start(metricsAddress, allowTargets)) {
            metrics = m;
            return runAndReport();
        }
    }

    private Integer runAndReport() throws Exception {
        if (registrar != null || backup != null) {
            if (!env.equals("embedded") && !env.equals("external")) {
                throw new BadInputException("--registrar/--backup go with --env external, not --env " + env);
            }
            env = "external";
        }
        if (!List.of("embedded", "local", "docker", "external").contains(env)) {
            throw new BadInputException("--env " + env + " is not an environment: use embedded, local, docker or external");
        }
        if (popBlocks != null && env.equals("external")) {
            throw new BadInputException("--pop-blocks places the hosts sipdrill runs (--env embedded or local), not your --registrar/--backup");
        }
        Shard slice = shard();
        HandsetSockets sockets = HandsetSockets.parse(handsetAddress);
        DrillFile file = isFile(drill) ? readFile() : shippedDrill();
        DrillPlan plan = withTransport(file != null ? filePlan(file) : plan());
        boolean tls = plan.transport() == SipTransport.TLS;
        if (trust != null && (!tls || !env.equals("external"))) {
            throw new BadInputException("--trust goes with --env external and --transport tls"
                    + " (embedded and local make their own CA for the run)");
        }
        if (slice.sharded()) {
            // On external targets a built-in drill is played without its fault, a drill file with its link steps.
            ShardRules.check(slice, env, file != null ? plan : plan.withoutFault());
        }
        bounds().check(plan, slice.of(plan.handsets()).size());
        Path dir = report != null ? report
                : Path.of("target", "sipdrill-runs", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-" + plan.name());
        LeftoverCleanup.run(System.out);
        Thread stopOnKill = null;
        Media voicemailMedia = Media.NONE; // closed at the very end, after the topology whose voicemail uses it
        ProxiedLinks proxied = null;       // the handsets' links through the fault proxy, when the drill acts on links
        try (Topology topology = topology(dir)) {
            Endpoints endpoints;
            DrillTarget target;
            if (topology == null) {
                TargetGuard guard = new TargetGuard(allowTargets);
                if (registrar == null || backup == null) {
                    throw new BadInputException("--env external needs both --registrar HOST:PORT and --backup HOST:PORT");
                }
                InetSocketAddress p = guard.check("--registrar", registrar);
                InetSocketAddress b = guard.check("--backup", backup);
                if (plan.calls() != null) {
                    throw new BadInputException(plan.name() + " needs a topology that routes calls: --env embedded, local or docker");
                }
                target = new DrillTarget("external", p, b, DOMAIN, Optional.empty());
                if (tls) {
                    if (usesLinks(plan)) {
                        throw new BadInputException(plan.name() + ": link faults over tls need certificates naming the fault"
                                + " proxy's addresses, which your servers' do not: drop the link steps or register over udp");
                    }
                    if (trust == null) {
                        throw new BadInputException("--env external with --transport tls needs --trust CA.pem"
                                + " (the CAs your registrar's certificate is verified against)");
                    }
                    target = target.withHandsetsOverTls(externalTrust(), p, b);
                }
                if (file != null) {
                    // Your servers are not ours to freeze or restart: only the links to them take faults.
                    proxied = links(plan, new Endpoints(new SipEndpoint("primary", p, DOMAIN), new SipEndpoint("backup", b, DOMAIN)));
                    if (proxied != null) {
                        target = target.withHandsetsVia(proxied.faults(), proxied.toPrimary(), proxied.toBackup());
                    }
                    checkFile(file, target.env(), target.faults(), target.links());
                } else {
                    plan = plan.withoutFault();
                }
                System.out.println(proxied != null
                        ? "sipdrill: external targets: handsets reach them through the fault proxy (" + ApiJson.hostPort(proxied.toPrimary())
                                + ", " + ApiJson.hostPort(proxied.toBackup()) + "); only link faults are injected"
                        : "sipdrill: external targets: no fault is injected (a drill file's link faults can be); measuring registrations");
            } else {
                if (tls) {
                    // First, so a topology without TLS is refused before anything else is asked of it.
                    handsetTls = HandsetTls.create(dir.resolve("tls"));
                    if (usesLinks(plan)) {
                        // Handsets connect to the proxy's listeners and verify the certificates against those addresses.
                        handsetTls = handsetTls.alsoReachedAt(ProxiedLinks.TO_PRIMARY.getAddress(), ProxiedLinks.TO_BACKUP.getAddress());
                    }
                    try {
                        topology.enableTls(handsetTls);
                    } catch (UnsupportedOperationException e) {
                        throw new BadInputException(plan.name() + " registers over tls: " + e.getMessage());
                    }
                }
                // Calls first: they add the PBX hosts (pbx-1, …) a drill file may name as targets.
                if (plan.calls() != null) {
                    InetSocketAddress carrier = plan.calls().carrier();
                    CallRoles roles = blocks().map(b -> CallRoles.onBlocks(b.primary(), b.backup(), carrier, 2))
                            .orElseGet(() -> CallRoles.defaults(carrier));
                    // A docker topology checks its own containers' addresses (a compose stack's hold them already).
                    if (!(topology instanceof DockerTopology)) {
                        for (InetSocketAddress a : roles.primaryPbxs()) {
                            PortCheck.ensureFree("PBX", a);
                        }
                        for (InetSocketAddress a : roles.backupPbxs()) {
                            PortCheck.ensureFree("backup PBX", a);
                        }
                    }
                    PortCheck.ensureFree("voicemail", roles.primaryVoicemail());
                    PortCheck.ensureFree("backup voicemail", roles.backupVoicemail());
                    PortCheck.ensureFree("carrier", plan.calls().carrier());
                    voicemailMedia = CallMedia.forVoicemail(plan.calls().rtp());
                    try {
                        topology.enableCalls(roles, voicemailMedia);
                    } catch (UnsupportedOperationException e) {
                        throw new BadInputException(plan.name() + " needs call routing: " + e.getMessage());
                    }
                }
                FaultTargets faults = topology.faults();
                HandsetLinks via = null; // the handsets' way through a fault proxy, when the drill acts on links
                if (usesLinks(plan)) {
                    via = tls ? null : ownLinks(topology).orElse(null); // a compose stack's fault-proxy (UDP)
                    if (via == null) {
                        proxied = links(plan, topology.endpoints());
                        via = new HandsetLinks(proxied.faults(), proxied.toPrimary(), proxied.toBackup());
                    }
                }

                LinkFaults links = via != null ? via.faults() : new NoLinks(topology.name());
                if (file != null) {
                    checkFile(file, topology.name(), faults, links); // before any other port is taken or any server started
                }
                if (!(topology instanceof DockerTopology)) {
                    portsFree(); // the docker topology checks its own (a compose stack's hold them already)
                }
                System.out.printf("sipdrill: starting %s topology ...%n", topology.name());
                topology.start();
                if (topology instanceof DockerTopology docker) {
                    System.out.println(docker.mode().orElse(null) == DockerTopologyConfig.Mode.ATTACH
                            ? "sipdrill: docker topology: the running compose stack (it stays up after the drill)"
                            : "sipdrill: docker topology: containers started for this run (removed after it)");
                }
                // SIGTERM or Ctrl-C: the servers we started (Kamailio processes) go down with us,
                // thawed first; the drill's own rollback reverts the fault and closes the journal.
                stopOnKill = new Thread(topology::close, "sipdrill-topology-stop");
                Runtime.getRuntime().addShutdownHook(stopOnKill);
                endpoints = topology.endpoints();
                target = new DrillTarget(topology.name(), endpoints.primary().address(), endpoints.backup().address(),
                        DOMAIN, Optional.of(topology.registrarOutage()), faults, links);
                if (via != null) {
                    target = target.withHandsetsVia(links, via.toPrimary(), via.toBackup());
                }
                if (tls) {
                    target = target.withHandsetsOverTls(handsetTls.trust(),
                            via != null ? via.toPrimary() : HandsetTls.listener(target.primary()),
                            via != null ? via.toBackup() : HandsetTls.listener(target.backup()));
                    System.out.printf("sipdrill: handsets register over TLS to %s and %s (certificates from a CA made for"
                            + " this run)%n", ApiJson.hostPort(target.handsetPrimary()), ApiJson.hostPort(target.handsetBackup()));
                }
            }
            System.out.printf("sipdrill: %s drill, %d handsets, time scale %.0fx (%.0f real minutes in %.0f s), report in %s%n",
                    plan.name(), plan.handsets(), plan.timeScale(), plan.duration().toSeconds() / 60.0,
                    plan.scaled(plan.duration()).toMillis() / 1000.0, dir);
            if (slice.sharded()) {
                HandsetRange mine = slice.of(plan.handsets());
                System.out.printf("sipdrill: shard %s: handsets %d … %d (users %s … %s) of %d%n", slice, mine.first(),
                        mine.end() - 1, FleetConfig.userFor(mine.first()), FleetConfig.userFor(mine.end() - 1), plan.handsets());
            }
            ProgressPrinter progress = new ProgressPrinter(System.out, System.console() != null);
            try (Journal journal = metrics.tee(new JsonLinesJournal(dir.resolve("journal.jsonl")))) {
                DrillRunner runner = new DrillRunner(plan, slice, target, journal, progress,
                        new GatlingDrillLoad(dir.resolve("gatling"), sockets.first(), sockets.count()));
                try {
                    runner.check();
                } catch (IllegalArgumentException e) {
                    throw new BadInputException(e.getMessage());
                }
                ending = runner.run();
                probes = runner.probeResults();
                deviated = runner.deviated();
            } finally {
                progress.finish();
                if (topology != null) {
                    topology.collectLogs(dir);
                }
            }
        } finally {
            if (proxied != null) {
                proxied.close(); // after the drill's rollbacks took their toxics off
            }
            Media.closeQuietly(voicemailMedia);
            if (stopOnKill != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(stopOnKill);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is already running
                }
            }
        }
        ReportResult result = DrillReport.write(dir.resolve("journal.jsonl"), dir);
        SummaryPrinter.print(System.out, result);
        for (DrillRunner.ProbeOutcome p : probes) {
            System.out.printf("  steady state %-6s %-22s %s (%s) %s%n", p.when(), p.check().probe().keyword(),
                    p.value() == null ? "not measured" : String.format(java.util.Locale.ROOT, "%.1f%%", p.value()),
                    p.check().tolerance().describe(), p.ok() ? "ok" : "NOT MET");
        }
        if (ending == DrillRunner.Ending.STEADY_STATE_FAILED) {
            System.out.println("sipdrill: the steady state did not hold before the method: no fault was injected");
            return 1;
        }
        if (deviated) {
            System.out.println("sipdrill: the steady state did not hold after the method: the drill deviated");
            return 1;
        }
        return result.sloPassed() ? 0 : 1;
    }

    /** The load limits, defaults raised by --max-handsets, --max-register-rate, --max-run-time. */
    LoadBounds bounds() {
        Duration runTime;
        try {
            runTime = io.sipdrill.chaos.drill.file.Units.duration(maxRunTime);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--max-run-time " + e.getMessage());
        }
        return new LoadBounds(maxHandsets, maxRegisterRate, runTime);
    }

    /** --shard as given, or the whole population. */
    private Shard shard() {
        if (shard == null) {
            return Shard.WHOLE;
        }
        try {
            return Shard.parse(shard);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    private DrillRunner.Ending ending;
    private List<DrillRunner.ProbeOutcome> probes = List.of();
    private boolean deviated;

    /** A drill file by its name: anything ending in .yaml or .yml, or naming a path. */
    static boolean isFile(String drill) {
        return drill.endsWith(".yaml") || drill.endsWith(".yml") || drill.contains("/");
    }

    /**
     * A drill of the drills/ folder (in the jar) by name, or null for the two drills built in as
     * plans ({@code registrar-outage}, {@code call-load}: their files play the same, and the plans
     * take --calls-for).
     */
    private DrillFile shippedDrill() {
        if (DRILLS.contains(drill)) {
            return null;
        }
        String resource = "/drills/" + drill + ".yaml";
        try (java.io.InputStream in = RunCommand.class.getResourceAsStream(resource)) {
            if (in == null) {
                return null; // plan() names the drills there are
            }
            return DrillFileParser.parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8),
                    "drills/" + drill + ".yaml", drill);
        } catch (java.io.IOException e) {
            throw new BadInputException("cannot read the shipped drill " + resource + ": " + e.getMessage());
        } catch (DrillFileException e) {
            throw badFile(e.errors());
        }
    }

    private DrillFile readFile() {
        try {
            return DrillFileParser.parse(Path.of(drill), drill);
        } catch (DrillFileException e) {
            throw badFile(e.errors());
        }
    }

    /** The file's plan with the command line's overrides: --handsets, --time-scale, --no-rtp. */
    private DrillPlan filePlan(DrillFile file) {
        if (callsFor != null) {
            throw new BadInputException("--calls-for goes with the built-in call-load drill; a drill file says population.calls.until");
        }
        try {
            DrillPlan plan = file.toPlan(handsets, timeScale);
            return noRtp ? plan.withoutRtp() : plan;
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    private static void checkFile(DrillFile file, String env, FaultTargets faults, LinkFaults links) {
        List<String> errors = DrillFileCheck.against(file, env, faults, links);
        if (!errors.isEmpty()) {
            throw badFile(errors);
        }
    }

    /** One "sipdrill: error: file:line: field: reason" line per problem. */
    private static BadInputException badFile(List<String> errors) {
        return new BadInputException(String.join("\nsipdrill: error: ", errors));
    }

    /** Whether any step or rollback acts on a fault-proxy link: only then do the handsets go through the proxy. */
    private static boolean usesLinks(DrillPlan plan) {
        return java.util.stream.Stream.concat(plan.method().steps().stream().map(io.sipdrill.chaos.drill.Step::action),
                plan.method().rollbacks().stream())
                .anyMatch(a -> a instanceof io.sipdrill.chaos.drill.Action.Toxic || a instanceof io.sipdrill.chaos.drill.Action.LinkDown);
    }

    /** The links of a fault proxy the topology runs itself (a compose stack's), as bad input when it does not fit. */
    private static java.util.Optional<HandsetLinks> ownLinks(Topology topology) {
        try {
            return topology.handsetLinks();
        } catch (IllegalStateException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    /** The handsets' links through the fault proxy when the drill acts on links (TCP for TLS handsets); null otherwise. */
    private ProxiedLinks links(DrillPlan plan, Endpoints endpoints) {
        if (!usesLinks(plan)) {
            return null;
        }
        try {
            if (plan.transport() == SipTransport.TLS) {
                return ProxiedLinks.startTls(endpoints, new TargetGuard(allowTargets).blocks());
            }
            return ProxiedLinks.start(endpoints, new TargetGuard(allowTargets).blocks());
        } catch (IllegalStateException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    private DrillPlan plan() {
        String name = drill;
        if (!DRILLS.contains(name)) {
            throw new BadInputException("drill '" + drill + "' is neither in drills/ nor a file: use registrar-overload, "
                    + String.join(", ", DRILLS) + ", registrar-latency, pbx-cpu-spike, pbx-cpu-burn, backup-pop-down or a path to a .yaml file");
        }
        try {
            if (name.equals("call-load")) {
                DrillPlan plan = DrillPlan.callLoad(handsets == null ? 200 : handsets, timeScale == null ? 1 : timeScale,
                        callsFor == null ? DrillPlan.CALL_LOAD_CALLS_FOR : Duration.ofSeconds(callsFor));
                // Signalling only: the MOS SLO could never be measured, so the plan drops it (see withoutRtp).
                return noRtp ? plan.withoutRtp() : plan;
            }
            if (callsFor != null) {
                throw new BadInputException("--calls-for goes with the call-load drill, not " + name);
            }
            return DrillPlan.registrarOutage(handsets == null ? 500 : handsets, timeScale == null ? 20 : timeScale);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    private LocalTopologyConfig localKamailio;
    private HandsetTls handsetTls; // the run's CA and POP certificates, when handsets register over TLS

    /** The plan with --transport in place of the file's (or the built-in's udp). */
    private DrillPlan withTransport(DrillPlan plan) {
        if (transport == null) {
            return plan;
        }
        String t = transport.strip().toLowerCase(java.util.Locale.ROOT);
        SipTransport over = switch (t) {
            case "udp" -> SipTransport.UDP;
            case "tls" -> SipTransport.TLS;
            default -> throw new BadInputException("--transport " + transport + ": use udp or tls");
        };
        try {
            return plan.withTransport(over);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    /** --trust read as PEM. */
    private TlsTrust externalTrust() {
        try {
            return TlsTrust.fromPem(trust);
        } catch (java.io.IOException e) {
            throw new BadInputException("--trust " + trust + ": " + e.getMessage());
        }
    }

    /** --pop-blocks as given, or empty for the architecture's blocks. */
    private Optional<PopBlocks> blocks() {
        if (popBlocks == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(PopBlocks.parse(popBlocks));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--pop-blocks " + popBlocks + ": " + e.getMessage());
        }
    }

    private EmbeddedTopologyConfig embedded() {
        EmbeddedTopologyConfig config = EmbeddedTopologyConfig.defaults();
        return blocks().map(b -> config.withAddresses(b.primaryPop(), b.backupPop())).orElse(config);
    }

    /** The registrars' ports are free (another drill may hold them): checked before anything starts. */
    private void portsFree() {
        InetSocketAddress primary = localKamailio != null ? localKamailio.primary() : embedded().primary();
        InetSocketAddress backupPop = localKamailio != null ? localKamailio.backup() : embedded().backup();
        PortCheck.ensureFree("primary registrar", primary);
        PortCheck.ensureFree("backup POP", backupPop);
    }

    /** The topology for --env (not started, nothing bound), or null for external targets. */
    private Topology topology(Path dir) {
        switch (env) {
            case "embedded" -> {
                return new EmbeddedTopology(embedded());
            }
            case "local" -> {
                LocalTopologyConfig config = LocalTopologyConfig.defaults(dir.resolve("kamailio"));
                Optional<PopBlocks> blocks = blocks();
                if (blocks.isPresent()) {
                    config = config.withAddresses(blocks.get().primaryPop(), blocks.get().backupPop());
                }
                if (!config.kamailio().toFile().canExecute()) {
                    throw new BadInputException("--env local needs Kamailio: " + config.kamailio() + " not found (apt-get install kamailio)");
                }
                localKamailio = config;
                return new LocalTopology(config);
            }
            case "docker" -> {
                if (popBlocks != null) {
                    throw new BadInputException("--pop-blocks goes with --env embedded or local; the docker topology's addresses are its compose file's");
                }
                return new DockerTopology(DockerTopologyConfig.defaults());
            }
            default -> {
                return null;
            }
        }
    }
}
