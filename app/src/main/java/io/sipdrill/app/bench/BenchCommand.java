package io.sipdrill.app.bench;

import io.sipdrill.app.BadInputException;
import io.sipdrill.environments.local.LocalTopology;
import io.sipdrill.environments.local.LocalTopologyConfig;
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
 * {@code sipdrill bench register}: sipdrill, then SIPp, each against a freshly started Kamailio,
 * with the same count and rate; one table with the ratios. A benchmark, not a test: it prints
 * numbers and judges nothing but "sustained".
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark sipdrill against SIPp on the same freshly started Kamailio (what: register).")
public final class BenchCommand implements Callable<Integer> {

    @Parameters(paramLabel = "WHAT", description = "register (REGISTER -> 401 -> REGISTER+digest -> 200)")
    String what;

    @Option(names = "--env", defaultValue = "local", description = "local (Kamailio processes; the only one so far)")
    String env;

    @Option(names = "--count", defaultValue = "60000", description = "registrations per tool (default ${DEFAULT-VALUE})")
    int count;

    @Option(names = "--rate", defaultValue = "4000", description = "registrations started per second (default ${DEFAULT-VALUE})")
    double rate;

    @Option(names = "--out", paramLabel = "FILE", description = "also write the table as JSON")
    Path out;

    @Option(names = "--driver", defaultValue = "engine",
            description = "engine (the SIP layer alone, default) or gatling (through the Gatling protocol, as drills run)")
    String driver;

    @Option(names = "--skip-sipp", description = "run sipdrill only")
    boolean skipSipp;

    @Override
    public Integer call() throws Exception {
        if (!"register".equals(what)) {
            throw new BadInputException("bench " + what + ": only 'register' exists so far");
        }
        if (!"local".equals(env)) {
            throw new BadInputException("bench --env " + env + ": only 'local' (Kamailio) is supported");
        }
        if (!"engine".equals(driver) && !"gatling".equals(driver)) {
            throw new BadInputException("bench --driver " + driver + ": use engine or gatling");
        }
        if (count < 100 || rate <= 0) {
            throw new BadInputException("bench needs --count >= 100 and --rate > 0");
        }
        if (!Files.isExecutable(SippRegisterLoad.SIPP) && !skipSipp) {
            throw new BadInputException("bench needs SIPp: " + SippRegisterLoad.SIPP + " not found (apt-get install sip-tester)");
        }
        if (!Files.isExecutable(SippRegisterLoad.GNU_TIME) && !skipSipp) {
            throw new BadInputException("bench needs GNU time: " + SippRegisterLoad.GNU_TIME + " not found (apt-get install time)");
        }
        Path dir = Path.of("target", "sipdrill-bench", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        System.out.printf("sipdrill bench: %d registrations at %.0f/s per tool against Kamailio; work dir %s%n", count, rate, dir);
        BenchResult ours;
        try (LocalTopology kamailio = freshKamailio(dir.resolve("kamailio-sipdrill"))) {
            System.out.println("sipdrill bench: running sipdrill ...");
            InetSocketAddress registrar = kamailio.endpoints().primary().address();
            ours = "gatling".equals(driver)
                    ? SipdrillRegisterLoad.throughGatling(registrar, count, rate, dir.resolve("gatling").toAbsolutePath())
                    : SipdrillRegisterLoad.onEngine(registrar, count, rate);
        }
        BenchResult theirs;
        if (skipSipp) {
            theirs = new BenchResult("sipp", count, rate, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        } else {
            try (LocalTopology kamailio = freshKamailio(dir.resolve("kamailio-sipp"))) {
                System.out.println("sipdrill bench: running SIPp ...");
                InetSocketAddress target = kamailio.endpoints().primary().address();
                theirs = SippRegisterLoad.run(target, count, rate, dir.resolve("sipp"));
            }
        }
        BenchTable.print(System.out, ours, theirs);
        if (out != null) {
            BenchTable.writeJson(out, ours, theirs);
            System.out.println("sipdrill bench: wrote " + out);
        }
        return 0;
    }

    private static LocalTopology freshKamailio(Path runDir) throws Exception {
        LocalTopology topology = new LocalTopology(LocalTopologyConfig.defaults(runDir));
        try {
            topology.start();
        } catch (IllegalStateException e) {
            // e.g. 127.0.1.1:5060 in use or kamailio missing: the user's to fix, said in one line
            topology.close();
            throw new BadInputException("cannot start Kamailio: " + e.getMessage());
        }
        return topology;
    }
}
