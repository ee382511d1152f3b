package io.sipdrill.app.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * SIPp's side of {@code bench register}: the same count, rate and message flow from Debian's
 * {@code sipp}, its users fed from an injection file. CPU and peak RSS come from GNU time (the
 * whole process) and /proc at half time (for the steady-state share); success, failures and
 * per-transaction response times from SIPp's own statistics files.
 */
final class SippRegisterLoad {

    static final String LOCAL_IP = "127.0.3.200";
    /** SIPp's users start here so they never collide with sipdrill's handsets (1000000 + i). */
    static final int FIRST_USER = 2_000_000;

    private SippRegisterLoad() {
    }

    static BenchResult run(InetSocketAddress registrar, int count, double rate, Path workDir)
            throws IOException, InterruptedException {
        workDir = workDir.toAbsolutePath();
        Files.createDirectories(workDir);
        Path scenario = workDir.resolve("bench-register.xml");
        try (InputStream in = SippRegisterLoad.class.getResourceAsStream("/sipp/bench-register.xml")) {
            Files.copy(in, scenario, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Path users = workDir.resolve("users.csv");
        StringBuilder csv = new StringBuilder("SEQUENTIAL\n");
        for (int i = 0; i < count; i++) {
            String user = Integer.toString(FIRST_USER + i);
            csv.append(user).append(";pw-").append(user).append('\n');
        }
        Files.writeString(users, csv);
        Path stat = workDir.resolve("stat.csv");
        long durationMs = (long) (count * 1000 / rate);
        long start = System.nanoTime();
        TimedSipp sipp = TimedSipp.start(List.of("-sf", scenario.toString(), "-inf", users.toString(),
                "-r", Long.toString(Math.round(rate)), "-rp", "1000", "-m", Integer.toString(count),
                "-i", LOCAL_IP, "-p", "5099", "-nostdin", "-trace_stat", "-stf", stat.toString(), "-fd", "1",
                "-trace_rtt", "-rtt_freq", SippStats.rttFrequency(count), "-timeout", Long.toString((long) (count / rate) + 60) + "s",
                registrar.getAddress().getHostAddress() + ":" + registrar.getPort()), workDir, "sipp");
        Thread.sleep(Math.max(0, durationMs / 2 - (System.nanoTime() - start) / 1_000_000));
        double cpuHalf = sipp.cpuSeconds();
        int doneHalf = SippStats.successfulCalls(stat);
        sipp.awaitExit(Long.MAX_VALUE / 2_000_000);
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        double cpuTotal = sipp.cpuTotalSeconds();
        int done = SippStats.successfulCalls(stat);
        double failuresPct = 100.0 * (count - done) / count;
        double cpuUsPerOp = cpuHalf < 0 ? Double.NaN : (cpuTotal - cpuHalf) * 1e6 / Math.max(1, done - doneHalf);
        double achieved = done * 1000.0 / Math.max(durationMs, elapsedMs);
        return new BenchResult("sipp", count, rate, achieved, failuresPct, SippStats.p99SecondHalf(workDir), cpuUsPerOp,
                cpuTotal, sipp.peakRssMb());
    }

}
