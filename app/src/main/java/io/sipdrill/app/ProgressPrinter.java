package io.sipdrill.app;

import io.sipdrill.chaos.drill.DrillProgress;

import java.io.PrintStream;

/**
 * The progress line: rewritten in place on a terminal, a plain line every {@value #PLAIN_EVERY_S}
 * drill seconds otherwise (CI logs).
 */
final class ProgressPrinter implements DrillProgress {

    static final int PLAIN_EVERY_S = 10;
    private final PrintStream out;
    private final boolean terminal;
    private long lastPlain = -PLAIN_EVERY_S;

    ProgressPrinter(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    @Override
    public void update(Snapshot s) {
        String line = String.format("[%5.0fs/%.0fs  real %5.1f min] primary %d  backup %d  nowhere %d | REGISTER tx %d  retrans %d  timeouts %d%s",
                s.drillSeconds(), s.totalSeconds(), s.drillSeconds() * s.timeScale() / 60, s.primary(), s.backup(),
                s.nowhere(), s.transactions(), s.retransmissions(), s.timeouts(),
                s.activeFault() == null ? "" : " | fault: " + s.activeFault());
        if (terminal) {
            out.print("\r" + line + "\u001b[K");
            out.flush();
        } else if ((long) s.drillSeconds() - lastPlain >= PLAIN_EVERY_S) {
            lastPlain = (long) s.drillSeconds();
            out.println(line);
        }
    }

    void finish() {
        if (terminal) {
            out.println();
        }
    }
}
