package io.sipdrill.app;

import io.sipdrill.chaos.fault.CpuSqueezeFault;
import io.sipdrill.chaos.fault.FreezeFault;
import io.sipdrill.environments.local.KamailioLeftovers;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/**
 * A run killed with SIGKILL cannot thaw what it froze, give back the CPU it squeezed or stop the
 * Kamailio processes it started (they keep running and hold their addresses); the next run does,
 * and says so. Thawed first: a frozen process would not die.
 */
final class LeftoverCleanup {

    private LeftoverCleanup() {
    }

    static void run(PrintStream out) {
        clean(out, "frozen", "thawed", FreezeFault::thawLeftovers);
        clean(out, "cpu-squeezed", "released the cpu of", CpuSqueezeFault::releaseLeftovers);
        clean(out, "Kamailio", "stopped", KamailioLeftovers::killOrphans);
    }

    private static void clean(PrintStream out, String kind, String done, Cleaner cleaner) {
        try {
            for (String group : cleaner.clean()) {
                out.println("sipdrill: " + done + " a leftover from an earlier run: " + group);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            out.println("sipdrill: could not check for " + kind + " leftovers: " + e.getMessage());
        }
    }

    @FunctionalInterface
    private interface Cleaner {
        List<String> clean() throws IOException, InterruptedException;
    }
}
