package io.sipdrill.chaos.drill;

/** Where the runner reports progress once a second; the CLI prints it, tests ignore it. */
@FunctionalInterface
public interface DrillProgress {

    /** One snapshot of a running drill. */
    record Snapshot(double drillSeconds, double totalSeconds, double timeScale, int primary, int backup,
                    int nowhere, long transactions, long retransmissions, long timeouts, String activeFault) {
    }

    void update(Snapshot snapshot);

    static DrillProgress silent() {
        return s -> { };
    }
}
