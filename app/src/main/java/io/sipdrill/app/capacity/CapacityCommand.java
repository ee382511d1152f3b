package io.sipdrill.app.capacity;

import io.sipdrill.app.BadInputException;
import io.sipdrill.app.PortCheck;
import io.sipdrill.app.TargetGuard;
import io.sipdrill.chaos.drill.DrillPlan;
import io.sipdrill.environments.SipEndpoint;
import io.sipdrill.environments.Topology;
import io.sipdrill.environments.embedded.EmbeddedTopology;
import io.sipdrill.environments.embedded.EmbeddedTopologyConfig;
import io.sipdrill.environments.local.KamailioProcess;
import io.sipdrill.environments.local.LocalTopology;
import io.sipdrill.environments.local.LocalTopologyConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.DoubleSupplier;

/**
 * {@code sipdrill capacity}: a registrar's breaking point. One freshly started target per run; each
 * step is the bench's registration load at one rate for {@code --step-seconds}, judged on its second
 * half; the rate climbs until a step breaks an SLO, then {@link CapacitySearch} confirms downward.
 *
 * <pre>
 * sipdrill capacity --env local                       # 500/s, x1.5 per step, 20 s steps
 * sipdrill capacity --env embedded --start 200 --step +200 --max 3000
 * </pre>
 */
@Command(name = "capacity", mixinStandardHelpOptions = true,
        description = "Find a registrar's breaking point: step the REGISTER rate up until an SLO breaks, confirm downward,"
                + " report the highest sustainable rate (capacity.json, capacity.html).")
public final class CapacityCommand implements Callable<Integer> {

    @Option(names = "--env", defaultValue = "local",
            description = "local (a fresh Kamailio, default), embedded (the in-JVM JAIN-SIP registrar); docker: not yet")
    String env;

    @Option(names = "--what", defaultValue = "register", description = "register (REGISTER -> 401 -> REGISTER+digest -> 200); calls: not yet")
    String what;

    @Option(names = "--start", paramLabel = "RATE", defaultValue = "500", description = "first step's rate per second (default ${DEFAULT-VALUE})")
    double start;

    @Option(names = "--step", paramLabel = "FACTOR|+N", defaultValue = "1.5",
            description = "next rate: times FACTOR (1.5) or plus N (+500) (default ${DEFAULT-VALUE})")
    String step;

    @Option(names = "--max", paramLabel = "RATE", defaultValue = "50000", description = "highest rate tried, at most 200000 (default ${DEFAULT-VALUE}); the climb to it must fit in 4 h of steps")
    double max;

    @Option(names = "--step-seconds", paramLabel = "S", defaultValue = "20", description = "length of each step (default ${DEFAULT-VALUE})")
    double stepSeconds;

    @Option(names = "--slo-failures", paramLabel = "PCT", defaultValue = "1", description = "most failures a step may have, percent (default ${DEFAULT-VALUE})")
    double sloFailures;

    @Option(names = "--slo-p95-ms", paramLabel = "MS", defaultValue = "100", description = "highest p95 latency a step may have (default ${DEFAULT-VALUE})")
    double sloP95;

    @Option(names = "--slo-achieved-pct", paramLabel = "PCT", defaultValue = "95",
            description = "share of the target rate a step must achieve (default ${DEFAULT-VALUE})")
    double sloAchieved;

    @Option(names = "--bisections", defaultValue = "2", description = "steps bisecting between the last good and first bad rate (default ${DEFAULT-VALUE})")
    int bisections;

    @Option(names = "--out", paramLabel = "DIR", description = "where capacity.json and capacity.html go (default target/sipdrill-capacity/TIME-ENV-WHAT)")
    Path out;

    @Option(names = "--registrar", paramLabel = "HOST:PORT", defaultValue = "127.0.1.1:5060",
            description = "where the fresh target listens (loopback; its backup POP takes the next port) (default ${DEFAULT-VALUE})")
    String registrar;

    @Option(names = "--handsets-from", paramLabel = "ADDRESS", defaultValue = DrillPlan.HANDSET_ADDRESS,
            description = "the handsets' first local address (loopback) (default ${DEFAULT-VALUE})")
    String handsetsFrom;

    /** The run's start time names the default folder and heads the report; a field so a test could fix it. */
    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws Exception {
        SearchPlan plan = plan();
        InetSocketAddress primary = new TargetGuard(List.of()).check("--registrar", registrar);
        InetSocketAddress backup = new InetSocketAddress(primary.getAddress(), primary.getPort() + 1);
        loopbackHandsets();
        Instant started = clock.instant();
        Path dir = out != null ? out : Path.of("target", "sipdrill-capacity",
                DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(started) + "-" + env + "-" + what);
        CapacityReportHeader header = new CapacityReportHeader(env, what, started, stepSeconds, plan);
        System.out.printf("sipdrill capacity: %s on %s from %s/s (%s per step, to %s/s), %s s per step; report %s%n", what, env,
                Slo.plain(plan.start()), plan.step(), Slo.plain(plan.max()), Slo.plain(stepSeconds), dir);
        CapacityResult result;
        try (Topology topology = freshTarget(dir, primary, backup)) {
            SipEndpoint target = topology.endpoints().primary();
            StepRunner runner = new RegisterStepRunner(target, handsetsFrom, stepSeconds, targetCpu(topology));
            CapacityTable.header(System.out);
            result = new CapacitySearch(plan, runner, s -> CapacityTable.line(System.out, s)).run();
            topology.collectLogs(dir);
        }
        Path json = CapacityJson.write(dir, header, result);
        Path html = CapacityHtml.write(dir, header, result);
        System.out.println("sipdrill capacity: " + result.verdict());
        System.out.println("sipdrill capacity: wrote " + json + " and " + html);
        // A breaking point found, --max held, or even the start broke: each is an answer, not a failure.
        return 0;
    }

    private SearchPlan plan() {
        if (!"register".equals(what)) {
            throw new BadInputException("capacity --what " + what + ": only register is supported so far (calls: not yet)");
        }
        if ("docker".equals(env)) {
            throw new BadInputException("capacity --env docker is not supported yet: the compose stack's registrar is not"
                    + " started fresh per run and its CPU is a container's; use --env local or embedded");
        }
        if (!"local".equals(env) && !"embedded".equals(env)) {
            throw new BadInputException("capacity --env " + env + ": use local or embedded");
        }
        if (!(stepSeconds >= 2) || stepSeconds > 600) {
            throw new BadInputException("--step-seconds must be between 2 and 600, got " + Slo.plain(stepSeconds));
        }
        if (!(sloFailures >= 0) || !(sloP95 > 0) || !(sloAchieved > 0) || sloAchieved > 100) {
            throw new BadInputException("--slo-failures must be >= 0, --slo-p95-ms > 0 and --slo-achieved-pct in (0, 100]");
        }
        RateStep rateStep;
        try {
            rateStep = RateStep.parse(step);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--step " + e.getMessage());
        }
        SearchPlan plan;
        try {
            plan = new SearchPlan(start, rateStep, max, new Slo(sloFailures, sloP95, sloAchieved), bisections, 5);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--start/--max/--bisections: " + e.getMessage());
        }
        // The longest climb (nothing breaks before --max) must end within MAX_CLIMB: a typo such as --step +1 must not run for days.
        int mostSteps = (int) (MAX_CLIMB.toSeconds() / stepSeconds);
        int climb = plan.climbSteps(mostSteps);
        if (climb > mostSteps) {
            throw new BadInputException(String.format(java.util.Locale.ROOT, "from %s to %s/s by %s is more than %d steps of %s s,"
                    + " longer than %d h if nothing breaks: take a larger --step, a smaller --max or shorter --step-seconds",
                    Slo.plain(start), Slo.plain(max), rateStep, mostSteps, Slo.plain(stepSeconds), MAX_CLIMB.toHours()));
        }
        return plan;
    }

    /** How long the climb may take at most, all steps held (the search then bisects and confirms, a few steps more). */
    static final Duration MAX_CLIMB = Duration.ofHours(4);

    private void loopbackHandsets() {
        try {
            if (!InetAddress.getByName(handsetsFrom).isLoopbackAddress()) {
                throw new BadInputException("--handsets-from " + handsetsFrom + " is not a loopback address");
            }
        } catch (UnknownHostException e) {
            throw new BadInputException("--handsets-from " + handsetsFrom + ": unknown host");
        }
    }

    private Topology freshTarget(Path dir, InetSocketAddress primary, InetSocketAddress backup) throws Exception {
        Topology topology;
        if ("local".equals(env)) {
            LocalTopologyConfig config = LocalTopologyConfig.defaults(dir.resolve("kamailio")).withAddresses(primary, backup);
            if (!Files.isExecutable(config.kamailio())) {
                throw new BadInputException("capacity --env local needs Kamailio: " + KamailioProcess.NOT_INSTALLED);
            }
            topology = new LocalTopology(config);
        } else {
            PortCheck.ensureFree("registrar", primary);
            PortCheck.ensureFree("backup", backup);
            topology = new EmbeddedTopology(EmbeddedTopologyConfig.defaults().withAddresses(primary, backup));
        }
        try {
            topology.start();
        } catch (IllegalStateException e) {
            // e.g. the address in use: the user's to fix, said in one line
            topology.close();
            throw new BadInputException("cannot start the " + env + " registrar: " + e.getMessage().lines().findFirst().orElse(""));
        }
        return topology;
    }

    /** Kamailio's CPU (the primary's process tree) on local; NaN on embedded, whose registrar is inside our own CPU. */
    private static DoubleSupplier targetCpu(Topology topology) {
        if (topology instanceof LocalTopology local) {
            return new ProcessTreeCpu(() -> local.instances().isEmpty() ? Optional.empty() : local.instances().get(0).handle());
        }
        return () -> Double.NaN;
    }
}
