package io.sipdrill.chaos.drill;

import io.sipdrill.chaos.fault.Fault;
import io.sipdrill.chaos.fault.FaultTargets;
import io.sipdrill.load.handset.PopulationMix;
import io.sipdrill.load.journal.Journal;
import io.sipdrill.load.journal.JsonLinesJournal;
import io.sipdrill.load.time.DrillClock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A drill in its own JVM for {@link DrillRunnerSignalTest}: freezes a fake registrar at once and
 * would run for ten minutes; every inject, revert and restart is appended to {@code DIR/events}.
 * Nothing is bound: the addresses (127.0.160.x) are only written to the journal.
 */
public final class SigtermDrillMain {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Path events = dir.resolve("events");
        FaultTargets hosts = new FaultTargets() {
            @Override public Set<String> names() { return Set.of("registrar"); }
            @Override public Fault cpuSqueeze(String target, double quota) { throw new UnsupportedOperationException(); }
            @Override public Fault kill(String target) { throw new UnsupportedOperationException(); }
            @Override public Fault freeze(String target) {
                return new Fault() {
                    @Override public String name() { return "freeze"; }
                    @Override public String target() { return target; }
                    @Override public void inject() { append(events, "inject"); }
                    @Override public void revert() { append(events, "revert"); }
                };
            }
            @Override public void restart(String target) { append(events, "restart " + target); }
        };
        DrillTarget target = new DrillTarget("fake", new InetSocketAddress("127.0.160.1", 5060),
                new InetSocketAddress("127.0.161.1", 5060), "sipdrill.test", Optional.empty(), hosts, new NoLinks("fake"));
        DrillMethod method = new DrillMethod(Duration.ZERO, List.of(),
                List.of(new Step(Duration.ZERO, new Action.Freeze("registrar"))),
                RollbackStrategy.DEFAULT, List.of(new Action.Restart("registrar", 1)));
        DrillPlan plan = new DrillPlan("sigterm", 10, 1, PopulationMix.defaultMix(), Duration.ofSeconds(1),
                Duration.ofMinutes(10), 2, Duration.ofSeconds(10), null, Duration.ZERO, Duration.ofMinutes(10),
                Map.of(), null, method);
        DrillLoad load = new DrillLoad() {
            @Override public void prepare(DrillPlan p, DrillTarget t, Journal j, DrillClock c) { }
            @Override public void begin() { }
            @Override public LiveCounts counts() { return new LiveCounts(10, 0, 0, 0, 0, 0); }
            @Override public void stop() { }
            @Override public void close() { }
        };
        try (JsonLinesJournal journal = new JsonLinesJournal(dir.resolve("journal.jsonl"))) {
            new DrillRunner(plan, target, journal, DrillProgress.silent(), load).run();
        }
    }

    private static void append(Path file, String line) {
        try {
            Files.writeString(file, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
