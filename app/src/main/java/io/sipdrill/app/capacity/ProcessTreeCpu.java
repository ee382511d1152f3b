package io.sipdrill.app.capacity;

import io.sipdrill.app.bench.ProcStats;

import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * CPU seconds so far of a process and its descendants, from /proc: Kamailio does its work in
 * forked workers, so the main process alone would read as idle. A worker's CPU counts while it lives;
 * Kamailio's live for the whole run, so differences between two samples are right.
 */
final class ProcessTreeCpu implements DoubleSupplier {

    private final Supplier<Optional<ProcessHandle>> root;

    ProcessTreeCpu(Supplier<Optional<ProcessHandle>> root) {
        this.root = root;
    }

    @Override
    public double getAsDouble() {
        Optional<ProcessHandle> main = root.get();
        if (main.isEmpty()) {
            return Double.NaN;
        }
        return Stream.concat(Stream.of(main.get()), main.get().descendants())
                .mapToDouble(p -> Math.max(0, ProcStats.cpuSeconds(p.pid()))).sum();
    }
}
