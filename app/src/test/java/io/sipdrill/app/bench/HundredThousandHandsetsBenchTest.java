package io.sipdrill.app.bench;

import io.sipdrill.environments.local.LocalTopology;
import io.sipdrill.environments.local.LocalTopologyConfig;
import io.sipdrill.load.handset.FailbackMode;
import io.sipdrill.load.handset.FleetConfig;
import io.sipdrill.load.handset.HandsetFleet;
import io.sipdrill.load.handset.HandsetProfile;
import io.sipdrill.load.handset.PopulationMix;
import io.sipdrill.load.journal.Journal;
import io.sipdrill.load.journal.JournalEvent;
import io.sipdrill.load.sip.SipEngine;
import io.sipdrill.load.sip.auth.Credentials;
import io.sipdrill.load.sip.transaction.SipTimers;
import io.sipdrill.load.time.DrillClock;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetSocketAddress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 8's scale point: 100,000 handsets registered and refreshing on time in one JVM with a heap of
 * at most 2 GB, against a local Kamailio registrar. The handsets are a {@link HandsetFleet} straight on
 * the SIP engine (the engine and handset objects drills use, without Gatling's per-user session).
 *
 * <p>Run it alone, with the bench profile (which forks the test JVM with {@code -Xmx2g}):
 * <pre>
 * mvn -B -o -pl load,environments,app -am verify -Pbench \
 *     -Dtest='HundredThousand*' -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * Knobs (system properties): {@code bench.handsets} (100000), {@code bench.rate} (1500 initial
 * registrations/s), {@code bench.expires} (180 s), {@code bench.runSeconds} (420).
 */
@Tag("bench")
class HundredThousandHandsetsBenchTest {

    private static final InetSocketAddress PRIMARY = new InetSocketAddress("127.0.226.1", 5060);
    private static final InetSocketAddress BACKUP = new InetSocketAddress("127.0.226.2", 5060);
    private static final String HANDSET_ADDRESS = "127.0.227.1";
    private static final int SOCKETS = 4;
    private static final long MB = 1024 * 1024;
    /** The progress lines and the table, also written here (relative to the app module). */
    private static final Path REPORT = Path.of("target", "hundred-thousand-handsets.md");

    @Test
    void hundredThousandHandsetsRegisterAndRefreshOnTime(@TempDir Path runDir) throws Exception {
        int count = Integer.getInteger("bench.handsets", 100_000);
        double rate = Double.parseDouble(System.getProperty("bench.rate", "1500"));
        Duration expires = Duration.ofSeconds(Long.getLong("bench.expires", 180));
        long runMs = Long.getLong("bench.runSeconds", 420) * 1000;
        // Refresh between 50% and 90% of the interval, as DrillPlan's profile; no failover wanted here.
        HandsetProfile profile = new HandsetProfile(expires, 0.5, 0.9, Integer.MAX_VALUE, Duration.ofSeconds(5),
                FailbackMode.NEVER, Duration.ZERO);
        RefreshJournal journal = new RefreshJournal(count, profile);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long pid = ProcessHandle.current().pid();

        LocalTopologyConfig kamailio = LocalTopologyConfig.defaults(runDir).withAddresses(PRIMARY, BACKUP);
        try (LocalTopology topology = new LocalTopology(kamailio);
             SipEngine engine = SipEngine.start(HANDSET_ADDRESS, SOCKETS, SipTimers.RFC3261)) {
            topology.start();
            long heapBefore = heapAfterFullGc(memory);
            DrillClock clock = DrillClock.startingNow(engine.loop());
            FleetConfig config = new FleetConfig(count, 0, LocalTopologyConfig.DEFAULT_REALM, PRIMARY, BACKUP,
                    Credentials.derived(), profile,
                    new PopulationMix(List.of(new PopulationMix.Share(1.0, FailbackMode.NEVER, Duration.ZERO))), 1.0);
            HandsetFleet fleet = HandsetFleet.create(config, engine, journal, clock);
            long heapCreated = heapAfterFullGc(memory);
            Duration ramp = Duration.ofMillis((long) (count * 1000 / rate));
            double cpuStart = os.getProcessCpuTime() / 1e9;
            long start = System.nanoTime();
            fleet.start(ramp);

            say(String.format("%n100k bench: %d handsets, ramp %ds, expires %ds, run %ds, max heap %d MB%n",
                    count, ramp.toSeconds(), expires.toSeconds(), runMs / 1000, Runtime.getRuntime().maxMemory() / MB));
            say("   t_s  registered  nowhere  refreshes  lost  heap_used_MB  threads  cpu_%");
            int registeredAfterRamp = -1;
            double cpuPrev = cpuStart;
            long prevNanos = start;
            while (System.nanoTime() - start < runMs * 1_000_000L) {
                Thread.sleep(10_000);
                long now = System.nanoTime();
                double cpu = os.getProcessCpuTime() / 1e9;
                long tS = (now - start) / 1_000_000_000L;
                int registered = fleet.counts().primary() + fleet.counts().backup();
                if (registeredAfterRamp < 0 && tS * 1000 >= ramp.toMillis() + 30_000) {
                    registeredAfterRamp = registered;
                }
                say(String.format("%6d  %10d  %7d  %9d  %4d  %12d  %7d  %5.0f", tS, registered,
                        fleet.counts().nowhere(), journal.refreshes(), journal.lost(),
                        memory.getHeapMemoryUsage().getUsed() / MB, Thread.activeCount(),
                        100 * (cpu - cpuPrev) / ((now - prevNanos) / 1e9)));
                cpuPrev = cpu;
                prevNanos = now;
            }
            double cpuRun = os.getProcessCpuTime() / 1e9 - cpuStart;
            double runS = (System.nanoTime() - start) / 1e9;
            int registeredEnd = fleet.counts().primary() + fleet.counts().backup();
            long heapEnd = heapAfterFullGc(memory);
            int threads = ManagementFactory.getThreadMXBean().getThreadCount();
            fleet.stop();
            Histogram late = journal.lateness();

            say("");
            say("| measure | value |");
            say("|---|---|");
            row("handsets", "%d", count);
            row("registered 30 s after the ramp / at the end", "%d / %d", registeredAfterRamp, registeredEnd);
            row("refreshes sent (first REGISTER of each refresh)", "%d", late.getTotalCount());
            row("refresh lateness p50 / p99 / max (ms)", "%d / %d / %d", late.getValueAtPercentile(50),
                    late.getValueAtPercentile(99), late.getMaxValue());
            row("refreshes later than 100 ms", "%d", journal.lateOver100ms());
            row("registrations lapsed (expired before refreshed)", "%d", journal.lost());
            row("failed transactions (timeout, error, rejected)", "%d", journal.failed());
            row("heap after full GC: before / with handsets created / at the end (MB)", "%.1f / %.1f / %.1f",
                    heapBefore / (double) MB, heapCreated / (double) MB, heapEnd / (double) MB);
            row("bytes per handset (created / at the end)", "%d / %d", (heapCreated - heapBefore) / count,
                    (heapEnd - heapBefore) / count);
            row("max heap (-Xmx)", "%d MB", Runtime.getRuntime().maxMemory() / MB);
            row("live threads", "%d", threads);
            row("peak RSS", "%.0f MB", ProcStats.peakRssMb(pid));
            long gcCount = 0;
            long gcMs = 0;
            for (java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                gcCount += gc.getCollectionCount();
                gcMs += gc.getCollectionTime();
            }
            row("GC collections / total time (whole JVM, the 6 System.gc() of the heap readings included)", "%d / %d ms", gcCount, gcMs);
            row("JVM CPU over the run", "%.0f s in %.0f s (%.0f%% of one core)", cpuRun, runS, 100 * cpuRun / runS);

            assertThat(Runtime.getRuntime().maxMemory()).as("run with -Xmx2g (the bench profile)").isLessThanOrEqualTo(2048 * MB);
            assertThat(registeredAfterRamp).as("registered 30 s after the ramp").isEqualTo(count);
            assertThat(registeredEnd).as("registered at the end").isEqualTo(count);
            assertThat(journal.lost()).as("registrations that lapsed").isZero();
            assertThat(late.getTotalCount()).as("refreshes seen").isGreaterThan(count);
        }
    }

    private static void row(String measure, String format, Object... values) {
        say("| " + measure + " | " + String.format(format, values) + " |");
    }

    /** To the console and to {@link #REPORT}, line by line, so a lost console still leaves the numbers. */
    private static void say(String line) {
        System.out.println(line);
        try {
            Files.createDirectories(REPORT.getParent());
            Files.writeString(REPORT, line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long heapAfterFullGc(MemoryMXBean memory) throws InterruptedException {
        // System.gc() is a full collection on G1 unless -XX:+ExplicitGCInvokesConcurrent; twice for finalizable leftovers.
        for (int i = 0; i < 2; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    /**
     * Follows each handset through the journal: when it registered (and for how long) gives the
     * refresh's due time, and the first REGISTER of the refresh (its completion time minus its
     * latency) when it was sent. Written by the event loop only.
     */
    static final class RefreshJournal implements Journal {

        private final HandsetProfile profile;
        private final long[] dueMillis;          // Long.MIN_VALUE: no refresh awaited
        private final Histogram latenessMs = new Histogram(3_600_000L, 3);
        private volatile int refreshes;
        private volatile int lost;
        private volatile int failed;
        private volatile int lateOver100ms;

        RefreshJournal(int handsets, HandsetProfile profile) {
            this.profile = profile;
            this.dueMillis = new long[handsets];
            java.util.Arrays.fill(dueMillis, Long.MIN_VALUE);
        }

        @Override
        public void write(JournalEvent event) {
            if (event instanceof JournalEvent.HandsetState s) {
                if ("registered".equals(s.state()) && s.expiresS() != null) {
                    // Handset.registered: refresh after lifetime × its share, lifetime at least 1 s.
                    long lifetimeMs = Math.max(1, s.expiresS().longValue()) * 1000;
                    dueMillis[s.h()] = s.t() + (long) (lifetimeMs * profile.refreshShareFor(s.h()));
                } else if ("lost".equals(s.state())) {
                    lost++;
                }
            } else if (event instanceof JournalEvent.Transaction tx) {
                switch (tx.outcome()) {
                    case "timeout", "rejected", "error" -> failed++;
                    default -> { }
                }
                long due = dueMillis[tx.h()];
                if ("refresh".equals(tx.purpose()) && due != Long.MIN_VALUE) {
                    dueMillis[tx.h()] = Long.MIN_VALUE;
                    refreshes++;
                    long sent = tx.latencyMs() == null ? tx.t() : tx.t() - (long) Math.ceil(tx.latencyMs());
                    long late = Math.max(0, sent - due);
                    latenessMs.recordValue(Math.min(late, 3_600_000L));
                    if (late > 100) {
                        lateOver100ms++;
                    }
                }
            }
        }

        int refreshes() { return refreshes; }
        int lost() { return lost; }
        int failed() { return failed; }
        int lateOver100ms() { return lateOver100ms; }
        Histogram lateness() { return latenessMs; }

        @Override public void flush() { }
        @Override public void close() { }
    }
}
