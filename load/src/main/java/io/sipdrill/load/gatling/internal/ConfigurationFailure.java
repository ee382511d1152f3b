package io.sipdrill.load.gatling.internal;

import io.sipdrill.load.gatling.SipConfigurationException;

import java.io.PrintStream;

/**
 * How a configuration mistake ends a run. Gatling prints our one-line exception as it is; but
 * under the Gatling Maven/Gradle plugin, Gatling runs in a forked JVM whose launcher
 * ({@value #PLUGIN_FORK_MAIN}) prints any exception out of Gatling's main with its own
 * reflection stack trace. In that JVM, which exists only to run Gatling and would exit right
 * after anyway, we print the line and exit with Gatling's failure code instead, so the user sees
 * one clear message and the build fails as it should.
 */
public final class ConfigurationFailure {

    static final String PLUGIN_FORK_MAIN = "io.gatling.plugin.util.ForkMain";
    /** Gatling's exit code for a run that could not start. */
    static final int EXIT_CODE = 1;

    private ConfigurationFailure() {
    }

    /** Ends the run for {@code problem}: exits a plugin-forked JVM, otherwise throws (launchers unwrap it). */
    public static void fail(SipConfigurationException problem) {
        if (forkedByBuildPlugin(System.getProperty("sun.java.command"))) {
            report(problem, System.err);
            System.exit(EXIT_CODE);
        }
        throw problem;
    }

    /**
     * True when this JVM was started by the Gatling build plugin: either its fork launcher is the
     * main class, or (what gatling-maven-plugin 4.20 does) a {@code gatlingbooter*.jar} runs it.
     */
    static boolean forkedByBuildPlugin(String javaCommand) {
        if (javaCommand == null || javaCommand.isBlank()) {
            return false;
        }
        String first = javaCommand.strip().split("\\s+", 2)[0];
        String file = first.substring(first.lastIndexOf('/') + 1);
        return first.equals(PLUGIN_FORK_MAIN) || (file.startsWith("gatlingbooter") && file.endsWith(".jar"));
    }

    static void report(SipConfigurationException problem, PrintStream err) {
        err.println(problem.getMessage());
        err.flush();
    }
}
