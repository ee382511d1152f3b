package io.sipdrill.chaos.drill.gatling;

import io.gatling.app.Gatling$;
import io.sipdrill.chaos.drill.DrillLoad;
import io.sipdrill.chaos.drill.DrillPlan;
import io.sipdrill.chaos.drill.DrillTarget;
import io.sipdrill.load.gatling.protocol.SipLiveView;
import io.sipdrill.load.journal.Journal;
import io.sipdrill.load.time.DrillClock;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * The drill's handsets as a Gatling simulation ({@link DrillSimulation}), run on its own thread so
 * the drill runner keeps the fault schedule. Gatling's HTML report lands in
 * {@code resultsDir/<simulation>-<time>/index.html}.
 */
public final class GatlingDrillLoad implements DrillLoad {

    private final Path resultsDir;
    private final AtomicReference<SipLiveView> live = new AtomicReference<>();
    private Thread gatling;
    private int handsets;
    private volatile int exitCode = -1;
    private volatile Throwable failure;

    public GatlingDrillLoad(Path resultsDir) {
        this.resultsDir = resultsDir;
    }

    private final CountDownLatch ready = new CountDownLatch(1);
    private final CountDownLatch go = new CountDownLatch(1);

    @Override
    public void prepare(DrillPlan plan, DrillTarget target, Journal journal, DrillClock clock) throws Exception {
        Files.createDirectories(resultsDir);
        handsets = plan.handsets();
        // sipdrill prints its own progress line: keep Gatling's console writer to its final, light summary.
        System.setProperty("gatling.data.console.light", "true");
        System.setProperty("gatling.data.console.writePeriod", "86400");
        DrillSimulationSpec.offer(new DrillSimulationSpec(plan, target, journal, clock, live::set, ready, go));
        String[] args = {"--simulation", DrillSimulation.class.getName(),
                "--results-folder", resultsDir.toAbsolutePath().toString(), "--launcher", "sipdrill"};
        gatling = new Thread(() -> {
            try {
                exitCode = Gatling$.MODULE$.fromArgs(args);
            } catch (Throwable t) {
                failure = t;
            }
        }, "sipdrill-gatling");
        gatling.setDaemon(true);
        gatling.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!ready.await(100, TimeUnit.MILLISECONDS)) {
            if (!gatling.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("Gatling did not start the drill simulation"
                        + (failure != null ? ": " + failure : ""), failure);
            }
        }
    }

    @Override
    public void begin() {
        go.countDown();
    }

    @Override
    public LiveCounts counts() {
        SipLiveView v = live.get();
        if (v == null) {
            return LiveCounts.NONE;
        }
        // Handsets whose virtual user has not arrived yet are nowhere too.
        int nowhere = Math.max(0, handsets - v.primary() - v.backup());
        return new LiveCounts(v.primary(), v.backup(), nowhere, v.counters().transactionsStarted(),
                v.counters().retransmissions(), v.counters().timeouts());
    }

    /** Waits for the simulation to end (its users leave at the drill's end) and for Gatling's report. */
    @Override
    public void stop() throws Exception {
        if (gatling == null) {
            return;
        }
        gatling.join(TimeUnit.MINUTES.toMillis(5));
        if (gatling.isAlive()) {
            throw new IllegalStateException("Gatling did not finish within 5 minutes of the drill's end");
        }
        if (failure != null) {
            // The drill's own report comes from the journal; a Gatling report problem must not lose it.
            System.err.println("sipdrill: Gatling ended with an error (its report may be missing): " + failure);
        }
    }

    /** Gatling's exit code: 0, or 2 when a simulation assertion failed; -1 before it ended. */
    public int exitCode() {
        return exitCode;
    }

    /** The Gatling report's index.html, once written. */
    public Optional<Path> report() {
        if (!Files.isDirectory(resultsDir)) {
            return Optional.empty();
        }
        try (Stream<Path> runs = Files.list(resultsDir)) {
            return runs.map(r -> r.resolve("index.html")).filter(Files::isRegularFile).findFirst();
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        if (gatling != null && gatling.isAlive()) {
            gatling.interrupt();
        }
    }
}
