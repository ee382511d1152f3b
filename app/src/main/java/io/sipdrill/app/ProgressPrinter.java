package io.sipdrill.app;

import io.sipdrill.chaos.drill.DrillProgress;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The progress line: drill time, handsets per POP, REGISTER and call rates, the SIP engine's totals
 * and the armed faults. Rewritten in place on a terminal (every snapshot, rates over the last
 * second); a plain line every {@value #PLAIN_EVERY_S} drill seconds otherwise (CI logs, rates over
 * those seconds), so a log neither floods nor goes quiet for minutes.
 */
final class ProgressPrinter implements DrillProgress {

    static final int PLAIN_EVERY_S = 10;
    private final PrintStream out;
    private final boolean terminal;
    private Snapshot last; // where the rates of the next line start from

    ProgressPrinter(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    @Override
    public void update(Snapshot s) {
        if (!terminal && last != null && s.drillSeconds() - last.drillSeconds() < PLAIN_EVERY_S) {
            return;
        }
        String line = line(s, last);
        last = s;
        if (terminal) {
            out.print("\r" + line + "\u001b[K");
            out.flush();
        } else {
            out.println(line);
        }
    }

    /** One line; rates are per (wall-clock) second since {@code previous}, blank on the first line. */
    static String line(Snapshot s, Snapshot previous) {
        double window = previous == null ? 0 : s.drillSeconds() - previous.drillSeconds();
        return String.format(Locale.ROOT,
                "[%5.0fs/%.0fs  real %5.1f min] primary %d  backup %d  nowhere %d | REGISTER %s  calls %s"
                        + " | tx %d  retrans %d  timeouts %d%s",
                s.drillSeconds(), s.totalSeconds(), s.drillSeconds() * s.timeScale() / 60, s.primary(), s.backup(),
                s.nowhere(), rate(window, s.registers(), previous == null ? 0 : previous.registers()),
                rate(window, s.calls(), previous == null ? 0 : previous.calls()),
                s.transactions(), s.retransmissions(), s.timeouts(),
                s.activeFault() == null ? "" : " | faults: " + s.activeFault());
    }

    private static String rate(double seconds, long now, long before) {
        return seconds <= 0 ? "-/s" : String.format(Locale.ROOT, "%.1f/s", (now - before) / seconds);
    }

    void finish() {
        if (terminal) {
            out.println();
        }
    }
}
