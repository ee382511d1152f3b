package io.sipdrill.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code sipdrill} command. */
@Command(name = "sipdrill", mixinStandardHelpOptions = true, version = "sipdrill 0.1.0",
        description = "Rehearse SIP outages: simulated handsets, injected faults, failover and failback measured.",
        subcommands = {RunCommand.class, ReportCommand.class, CompareCommand.class, io.sipdrill.app.bench.BenchCommand.class,
                io.sipdrill.app.capacity.CapacityCommand.class, ProxyCommand.class})
public final class Sipdrill implements Runnable {

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the CLI and returns its exit code: 0 pass, 1 SLO failed, 2 bad input (3 unexpected error). */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new Sipdrill());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof BadInputException) {
                cmd.getErr().println("sipdrill: error: " + e.getMessage());
                return 2;
            }
            if (e instanceof io.sipdrill.load.gatling.SipConfigurationException) {
                cmd.getErr().println(e.getMessage()); // already "sipdrill: ..." and one line
                return 2;
            }
            cmd.getErr().println("sipdrill: failed: " + e);
            e.printStackTrace(cmd.getErr());
            return 3;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
