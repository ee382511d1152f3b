package io.sipdrill.chaos.drill;

/** Where the runner reports progress once a second; the CLI prints it, tests ignore it. */
@FunctionalInterface
public interface DrillProgress {

    /**
     * One snapshot of a running drill. {@code transactions}, {@code retransmissions} and
     * {@code timeouts} are the SIP engine's totals (every method); {@code registers} counts finished
     * REGISTER transactions and {@code calls} finished call attempts, both directions, so a reader
     * can turn two snapshots into rates. {@code activeFault}: the armed faults' names, or null.
     */
    record Snapshot(double drillSeconds, double totalSeconds, double timeScale, int primary, int backup,
                    int nowhere, long transactions, long retransmissions, long timeouts,
                    long registers, long calls, String activeFault) {
    }

    void update(Snapshot snapshot);

    static DrillProgress silent() {
        return s -> { };
    }
}
