package io.sipdrill.app.bench;

import io.sipdrill.app.soak.Flatness;
import io.sipdrill.app.soak.ProcessResources;
import io.sipdrill.app.soak.ResourceSample;
import io.sipdrill.app.soak.SoakTable;
import io.sipdrill.chaos.drill.CallPlan;
import io.sipdrill.chaos.drill.DrillPlan;
import io.sipdrill.chaos.drill.DrillProgress;
import io.sipdrill.chaos.drill.DrillRunner;
import io.sipdrill.chaos.drill.DrillTarget;
import io.sipdrill.chaos.drill.gatling.GatlingDrillLoad;
import io.sipdrill.environments.CallRoles;
import io.sipdrill.environments.embedded.EmbeddedTopology;
import io.sipdrill.environments.embedded.EmbeddedTopologyConfig;
import io.sipdrill.load.calls.CallTimes;
import io.sipdrill.load.handset.FailbackMode;
import io.sipdrill.load.handset.PopulationMix;
import io.sipdrill.load.journal.JsonLinesJournal;
import io.sipdrill.load.rtp.RtpEngine;
import io.sipdrill.load.sip.call.Media;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9's soak: one JVM plays a drill on the embedded topology (no fault) with 10,000 handsets
 * refreshing short registrations and placing and taking calls with RTP, for an hour, and samples
 * every minute what a leak would grow: heap after GC, live threads, open file descriptors and
 * sockets. It prints one row per sample, then a verdict comparing the second half with the first
 * sample after the warm-up ({@link Flatness#GENEROUS} states the bounds), and fails when they are
 * not flat. The table is also written to {@code target/soak/} (soak.csv, soak.json, soak.md) with
 * the drill's journal. Heap readings are after the last ordinary collection, except the baseline's
 * and the last sample's, which follow a forced full collection (marked {@code *}): the two the
 * verdict compares.
 *
 * <p>Run it alone, with the bench profile (which forks the test JVM with {@code -Xmx2g}):
 * <pre>
 * mvn -B -o -pl app -am verify -Pbench -Dtest='SoakBenchTest' -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * Knobs (system properties): {@code soak.minutes} (60), {@code soak.handsets} (10000),
 * {@code soak.warmUpMinutes} (5, at least 2; the ramp is the first minute), {@code soak.expiresSeconds} (180:
 * each handset refreshes about every two minutes, ~28 times an hour), {@code soak.callsPerSecond}
 * (1 inbound and 1 outbound), {@code soak.rtp} (true), {@code soak.sampleSeconds} (60).
 */
@Tag("bench")
class SoakBenchTest {

    // This test's own loopback blocks (issue 9's soak: 127.0.240.0/24 … 127.0.245.0/24).
    private static final String PRIMARY_BLOCK = "127.0.240";
    private static final String BACKUP_BLOCK = "127.0.241";
    private static final InetSocketAddress CARRIER = new InetSocketAddress("127.0.242.1", 5060);
    private static final String HANDSET_ADDRESS = "127.0.243.1";
    private static final double MB = 1024 * 1024;
    /** Beside the target dir of the app module, kept after the run. */
    private static final Path OUT = Path.of("target", "soak");

    @Test
    void tenThousandHandsetsRefreshingAndCallingForAnHourStayFlat() throws Exception {
        int handsets = Integer.getInteger("soak.handsets", 10_000);
        long minutes = Long.getLong("soak.minutes", 60);
        long warmUpMinutes = Long.getLong("soak.warmUpMinutes", Math.min(5, Math.max(2, minutes / 4)));
        long sampleSeconds = Long.getLong("soak.sampleSeconds", 60);
        Duration expires = Duration.ofSeconds(Long.getLong("soak.expiresSeconds", 180));
        double callsPerSecond = Double.parseDouble(System.getProperty("soak.callsPerSecond", "1"));
        boolean rtp = Boolean.parseBoolean(System.getProperty("soak.rtp", "true"));
        int samplesWanted = (int) (minutes * 60 / sampleSeconds);
        int warmUpSamples = (int) (warmUpMinutes * 60 / sampleSeconds) - 1; // the sample at the warm-up's end is the baseline
        assertThat(samplesWanted - warmUpSamples).as("soak.minutes leaves at least two samples after the warm-up").isGreaterThanOrEqualTo(2);

        Files.createDirectories(OUT);
        Files.deleteIfExists(OUT.resolve("soak.md"));
        Files.deleteIfExists(OUT.resolve("journal.jsonl"));
        // No fault; calls from the end of the 1-minute ramp until 15 s before the drill ends, which is 30 s after the last sample.
        Duration ramp = Duration.ofMinutes(1);
        Duration duration = Duration.ofMinutes(minutes).plusSeconds(30);
        CallPlan calls = new CallPlan(callsPerSecond, callsPerSecond, CallTimes.DEFAULT, rtp, ramp,
                duration.minusSeconds(15), CARRIER, List.of());
        PopulationMix everyoneStays = new PopulationMix(List.of(new PopulationMix.Share(1.0, FailbackMode.REGISTRATION, Duration.ZERO)));
        DrillPlan plan = new DrillPlan("soak", handsets, 1, everyoneStays, ramp, expires, 2, Duration.ofSeconds(10),
                null, Duration.ZERO, duration, Map.of(), calls);

        InetSocketAddress primary = new InetSocketAddress(PRIMARY_BLOCK + ".1", 5060);
        InetSocketAddress backup = new InetSocketAddress(BACKUP_BLOCK + ".1", 5060);
        AtomicReference<DrillProgress.Snapshot> latest = new AtomicReference<>();
        List<ResourceSample> samples = new CopyOnWriteArrayList<>();
        AtomicReference<RuntimeException> samplerFailure = new AtomicReference<>(); // a periodic task that throws is never run again
        say(String.format("%nsoak: %d handsets, expires %d s, %.1f calls/s each way (RTP %s), %d min, warm-up %d min, a sample every %d s, max heap %.0f MB",
                handsets, expires.toSeconds(), callsPerSecond, rtp ? "on" : "off", minutes, warmUpMinutes, sampleSeconds,
                Runtime.getRuntime().maxMemory() / MB));
        say(SoakTable.header());

        Media voicemail = rtp ? RtpEngine.start() : Media.NONE;
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "soak-sampler");
            t.setDaemon(true);
            return t;
        });
        DrillRunner.Ending ending;
        try (EmbeddedTopology topology = new EmbeddedTopology(EmbeddedTopologyConfig.defaults().withAddresses(primary, backup))) {
            topology.enableCalls(CallRoles.onBlocks(PRIMARY_BLOCK, BACKUP_BLOCK, CARRIER, 2), voicemail);
            topology.start();
            DrillTarget target = new DrillTarget(topology.name(), primary, backup, "sipdrill.test", Optional.empty());
            long start = System.nanoTime();
            long[] previous = {start, 0}; // nanos and transactions at the previous sample
            sampler.scheduleAtFixedRate(() -> {
                int index = samples.size();
                if (index >= samplesWanted) {
                    return;
                }
                try {
                    // Forced full collections only for the two readings the verdict compares.
                    boolean fullGc = index == warmUpSamples || index == samplesWanted - 1;
                    long heap = fullGc ? ProcessResources.heapAfterFullGcBytes() : ProcessResources.heapAfterLastGcBytes();
                    ProcessResources.Descriptors fds = ProcessResources.descriptors();
                    DrillProgress.Snapshot s = latest.get();
                    long now = System.nanoTime();
                    long tx = s == null ? 0 : s.transactions();
                    ResourceSample sample = new ResourceSample((now - start) / 1_000_000_000L, heap / MB, fullGc,
                            ProcessResources.liveThreads(), fds.fds(), fds.sockets(),
                            s == null ? 0 : s.primary() + s.backup(), (tx - previous[1]) / ((now - previous[0]) / 1e9));
                    previous[0] = now;
                    previous[1] = tx;
                    samples.add(sample);
                    say(SoakTable.row(sample));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    samplerFailure.compareAndSet(null, e);
                    throw e;
                }
            }, sampleSeconds, sampleSeconds, TimeUnit.SECONDS);
            try (JsonLinesJournal journal = new JsonLinesJournal(OUT.resolve("journal.jsonl"))) {
                ending = new DrillRunner(plan, target, journal, latest::set,
                        new GatlingDrillLoad(OUT.resolve("gatling"), HANDSET_ADDRESS, DrillPlan.HANDSET_SOCKETS)).run();
            }
        } finally {
            sampler.shutdownNow();
            Media.closeQuietly(voicemail);
        }

        if (samplerFailure.get() != null) {
            throw new AssertionError("sampling failed after " + samples.size() + " samples", samplerFailure.get());
        }
        Flatness.Verdict verdict = Flatness.GENEROUS.judge(samples, warmUpSamples);
        say(verdict.line());
        SoakTable.write(OUT, handsets, samples, verdict);
        say("soak: table in " + OUT.toAbsolutePath().resolve("soak.csv") + " and soak.json");

        assertThat(ending).as("the drill ran to its end").isEqualTo(DrillRunner.Ending.COMPLETED);
        assertThat(samples).as("a sample every %d s", sampleSeconds).hasSize(samplesWanted);
        assertThat(samples.subList(warmUpSamples, samples.size()))
                .as("registered after the warm-up: the load was there all along (99%% at least)")
                .allSatisfy(s -> assertThat(s.registered()).isGreaterThanOrEqualTo(handsets * 99 / 100));
        assertThat(verdict.problems()).as(verdict.line()).isEmpty();
    }

    /** To the console and to target/soak/soak.md, line by line, so a lost console still leaves the numbers. */
    private static void say(String line) {
        System.out.println(line);
        try {
            Files.writeString(OUT.resolve("soak.md"), line + System.lineSeparator(), StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
