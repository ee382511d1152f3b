package io.sipdrill.chaos.drill.gatling;

import io.sipdrill.chaos.drill.DrillLoad;
import io.sipdrill.chaos.drill.DrillPlan;
import io.sipdrill.chaos.drill.DrillTarget;
import io.sipdrill.chaos.drill.shard.HandsetRange;
import io.sipdrill.load.gatling.GatlingLaunch;
import io.sipdrill.load.gatling.protocol.SipLiveView;
import io.sipdrill.load.journal.Journal;
import io.sipdrill.load.time.DrillClock;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The drill's handsets as a Gatling simulation ({@link DrillSimulation}), run on its own thread so
 * the drill runner keeps the fault schedule. Gatling's HTML report lands in
 * {@code resultsDir/<simulation>-<time>/index.html}.
 */
public final class GatlingDrillLoad implements DrillLoad {

    private final Path resultsDir;
    private final AtomicReference<SipLiveView> live = new AtomicReference<>();
    private GatlingLaunch launch;
    private int handsets;

    private final String handsetAddress;
    private final int handsetSockets;

    /** Handsets on the default sockets: {@link DrillPlan#HANDSET_SOCKETS} addresses from {@link DrillPlan#HANDSET_ADDRESS}. */
    public GatlingDrillLoad(Path resultsDir) {
        this(resultsDir, DrillPlan.HANDSET_ADDRESS, DrillPlan.HANDSET_SOCKETS);
    }

    /** Handsets on {@code sockets} consecutive local addresses from {@code handsetAddress}. */
    public GatlingDrillLoad(Path resultsDir, String handsetAddress, int sockets) {
        this.resultsDir = resultsDir;
        this.handsetAddress = handsetAddress;
        this.handsetSockets = sockets;
    }

    @Override
    public void prepare(DrillPlan plan, DrillTarget target, Journal journal, DrillClock clock) throws Exception {
        prepare(plan, HandsetRange.all(plan.handsets()), target, journal, clock);
    }

    @Override
    public void prepare(DrillPlan plan, HandsetRange range, DrillTarget target, Journal journal, DrillClock clock)
            throws Exception {
        handsets = plan.handsets();
        // sipdrill prints its own progress line: keep Gatling's console writer to its final, light summary.
        System.setProperty("gatling.data.console.light", "true");
        System.setProperty("gatling.data.console.writePeriod", "86400");
        launch = GatlingLaunch.start(DrillSimulation.class,
                new DrillSimulationSpec(plan, range.first(), handsetAddress, handsetSockets, target, journal, clock, live::set), resultsDir);
        launch.awaitReady(Duration.ofMinutes(2));
    }

    @Override
    public void begin() {
        launch.go();
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

    @Override
    public java.util.Map<String, Long> malformedMessages() {
        SipLiveView v = live.get();
        return v == null ? java.util.Map.of() : java.util.Map.of("handsets", v.counters().malformedMessages());
    }

    @Override
    public java.util.Optional<io.sipdrill.load.calls.DdiRouting> ddi() {
        SipLiveView v = live.get();
        return v == null ? java.util.Optional.empty() : v.ddi();
    }

    /** Waits for the simulation to end (its users leave at the drill's end) and for Gatling's report. */
    @Override
    public void stop() throws Exception {
        if (launch == null) {
            return;
        }
        launch.awaitExit(Duration.ofMinutes(5));
        // The drill's own report comes from the journal; a Gatling report problem must not lose it.
        launch.failure().ifPresent(f ->
                System.err.println("sipdrill: Gatling ended with an error (its report may be missing): " + f));
    }

    @Override
    public void close() {
        if (launch != null) {
            launch.abort();
        }
    }
}
