package io.sipdrill.app;

import io.sipdrill.chaos.fault.FreezeFault;

import java.io.PrintStream;
import java.util.List;

/** A run killed with SIGKILL cannot thaw what it froze; the next run does, and says so. */
final class LeftoverCleanup {

    private LeftoverCleanup() {
    }

    static void run(PrintStream out) {
        try {
            List<String> cleaned = FreezeFault.thawLeftovers();
            for (String c : cleaned) {
                out.println("sipdrill: thawed a leftover from an earlier run: " + c);
            }
        } catch (java.io.IOException | InterruptedException | RuntimeException e) {
            out.println("sipdrill: could not check for frozen leftovers: " + e.getMessage());
        }
    }
}
