package io.sipdrill.app.bench;

import io.sipdrill.app.BadInputException;
import io.sipdrill.app.PortCheck;
import io.sipdrill.chaos.drill.CallPlan;
import io.sipdrill.environments.CallRoles;
import io.sipdrill.environments.local.LocalTopology;
import io.sipdrill.environments.local.LocalTopologyConfig;
import io.sipdrill.load.sip.call.Media;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;

/**
 * {@code sipdrill bench register|calls}: sipdrill, then SIPp, each against a freshly started
 * Kamailio, with the same count and rate; one table with the ratios. A benchmark, not a test: it
 * prints numbers and judges nothing but "sustained".
 *
 * <ul>
 *   <li>{@code register}: REGISTER → 401 → REGISTER+digest → 200 against the Kamailio registrar.</li>
 *   <li>{@code calls}: INVITE → 100/180/200 → ACK → BYE → 200 to an external number through the
 *       Kamailio POP and PBX to a callee at the carrier's address (sipdrill's callers and callee
 *       in one JVM against SIPp's built-in uac and uas).</li>
 * </ul>
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark sipdrill against SIPp on the same freshly started Kamailio (what: register, calls).")
public final class BenchCommand implements Callable<Integer> {

    @Parameters(paramLabel = "WHAT", description = "register (REGISTER -> 401 -> REGISTER+digest -> 200) or calls"
            + " (INVITE -> 180 -> 200 -> ACK -> BYE -> 200 through the Kamailio POP and PBX)")
    String what;

    @Option(names = "--env", defaultValue = "local", description = "local (Kamailio processes; the only one so far)")
    String env;

    @Option(names = "--count", description = "registrations or calls per tool, at most 1000000 and one hour's worth (default 60000 registrations, 6000 calls)")
    Integer count;

    @Option(names = "--rate", description = "registrations or calls started per second, at most 100000 (default 4000 registrations, 200 calls)")
    Double rate;

    @Option(names = "--out", paramLabel = "FILE", description = "also write the table as JSON")
    Path out;

    @Option(names = "--driver", defaultValue = "engine",
            description = "engine (the SIP layer alone, default) or gatling (through the Gatling protocol, as drills run)")
    String driver;

    @Option(names = "--skip-sipp", description = "run sipdrill only")
    boolean skipSipp;

    static final int MAX_COUNT = 1_000_000;
    static final double MAX_RATE = 100_000;
    static final long MAX_SECONDS = 3_600;

    @Override
    public Integer call() throws Exception {
        boolean calls = "calls".equals(what);
        if (!calls && !"register".equals(what)) {
            throw new BadInputException("bench " + what + ": use register or calls");
        }
        if (calls && "gatling".equals(driver)) {
            throw new BadInputException("bench calls --driver gatling: calls are measured on the engine only so far");
        }
        int count = this.count != null ? this.count : calls ? 6000 : 60000;
        double rate = this.rate != null ? this.rate : calls ? 200 : 4000;
        if (!"local".equals(env)) {
            throw new BadInputException("bench --env " + env + ": only 'local' (Kamailio) is supported");
        }
        if (!"engine".equals(driver) && !"gatling".equals(driver)) {
            throw new BadInputException("bench --driver " + driver + ": use engine or gatling");
        }
        if (count < 100 || !(rate > 0)) {
            throw new BadInputException("bench needs --count >= 100 and --rate > 0");
        }
        // Hard bounds: the target is a Kamailio of our own on loopback, so they only keep a typo from
        // tying up the machine (--rate 0.01 would run 60,000 registrations for 70 days).
        if (count > MAX_COUNT || rate > MAX_RATE || count / rate > MAX_SECONDS) {
            throw new BadInputException(String.format(java.util.Locale.ROOT, "bench --count %d at --rate %s/s is beyond its bounds"
                    + " (at most %d %s, %d/s, %d s per tool)", count, java.math.BigDecimal.valueOf(rate).stripTrailingZeros().toPlainString(), MAX_COUNT,
                    calls ? "calls" : "registrations", (long) MAX_RATE, MAX_SECONDS));
        }
        if (!Files.isExecutable(TimedSipp.SIPP) && !skipSipp) {
            throw new BadInputException("bench needs SIPp: " + TimedSipp.SIPP + " not found (apt-get install sip-tester)");
        }
        if (!Files.isExecutable(TimedSipp.GNU_TIME) && !skipSipp) {
            throw new BadInputException("bench needs GNU time: " + TimedSipp.GNU_TIME + " not found (apt-get install time)");
        }
        Path dir = Path.of("target", "sipdrill-bench", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        String ops = calls ? "calls" : "registrations";
        System.out.printf("sipdrill bench: %d %s at %.0f/s per tool against Kamailio; work dir %s%n", count, ops, rate, dir);
        BenchResult ours;
        try (LocalTopology kamailio = freshKamailio(dir.resolve("kamailio-sipdrill"), calls)) {
            System.out.println("sipdrill bench: running sipdrill ...");
            InetSocketAddress pop = kamailio.endpoints().primary().address();
            if (calls) {
                ours = SipdrillCallLoad.onEngine(pop, CARRIER, count, rate);
            } else {
                ours = "gatling".equals(driver)
                        ? SipdrillRegisterLoad.throughGatling(pop, count, rate, dir.resolve("gatling").toAbsolutePath())
                        : SipdrillRegisterLoad.onEngine(pop, count, rate);
            }
        }
        BenchResult theirs;
        if (skipSipp) {
            theirs = new BenchResult("sipp", count, rate, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        } else {
            try (LocalTopology kamailio = freshKamailio(dir.resolve("kamailio-sipp"), calls)) {
                System.out.println("sipdrill bench: running SIPp ...");
                InetSocketAddress pop = kamailio.endpoints().primary().address();
                theirs = calls ? SippCallLoad.run(pop, CARRIER, count, rate, dir.resolve("sipp"))
                        : SippRegisterLoad.run(pop, count, rate, dir.resolve("sipp"));
            }
        }
        BenchTable.print(System.out, ours, theirs, ops);
        if (out != null) {
            BenchTable.writeJson(out, ours, theirs);
            System.out.println("sipdrill bench: wrote " + out);
        }
        return 0;
    }

    /** The callee of {@code bench calls}: where the POP's PBX sends external numbers. */
    private static final InetSocketAddress CARRIER = CallPlan.DEFAULT_CARRIER;

    /** A Kamailio registrar and backup POP; for calls also the PBX instances (and voicemail) beside them. */
    private static LocalTopology freshKamailio(Path runDir, boolean calls) throws Exception {
        LocalTopology topology = new LocalTopology(LocalTopologyConfig.defaults(runDir));
        try {
            if (calls) {
                PortCheck.ensureFree("carrier", CARRIER);
                topology.enableCalls(CallRoles.defaults(CARRIER), Media.NONE);
            }
            topology.start();
        } catch (IllegalStateException e) {
            // e.g. 127.0.1.1:5060 in use or kamailio missing: the user's to fix, said in one line
            topology.close();
            throw new BadInputException("cannot start Kamailio: " + e.getMessage());
        }
        return topology;
    }
}
