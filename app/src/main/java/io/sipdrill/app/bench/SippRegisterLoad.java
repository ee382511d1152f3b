package io.sipdrill.app.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * SIPp's side of {@code bench register}: the same count, rate and message flow from Debian's
 * {@code sipp}, its users fed from an injection file. CPU and peak RSS come from GNU time (the
 * whole process) and /proc at half time (for the steady-state share); success, failures and
 * per-transaction response times from SIPp's own statistics files.
 */
final class SippRegisterLoad {

    static final Path SIPP = Path.of("/usr/bin/sipp");
    static final Path GNU_TIME = Path.of("/usr/bin/time");
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
        Path timeFile = workDir.resolve("time.txt");
        List<String> command = new ArrayList<>(List.of(GNU_TIME.toString(), "-f", "%U %S %M", "-o", timeFile.toString(),
                SIPP.toString(), "-sf", scenario.toString(), "-inf", users.toString(),
                "-r", Long.toString(Math.round(rate)), "-rp", "1000", "-m", Integer.toString(count),
                "-i", LOCAL_IP, "-p", "5099", "-nostdin", "-trace_stat", "-stf", stat.toString(), "-fd", "1",
                "-trace_rtt", "-rtt_freq", "1000", "-timeout", Long.toString((long) (count / rate) + 60) + "s",
                registrar.getAddress().getHostAddress() + ":" + registrar.getPort()));
        long durationMs = (long) (count * 1000 / rate);
        Process p = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(workDir.resolve("sipp.log").toFile()).start();
        long start = System.nanoTime();
        Thread.sleep(50);
        long sippPid = p.descendants().map(ProcessHandle::pid).findFirst().orElse(-1L);
        Thread.sleep(Math.max(0, durationMs / 2 - 50));
        double cpuHalf = ProcStats.cpuSeconds(sippPid);
        int doneHalf = successfulCalls(stat);
        double rss = 0;
        while (!p.waitFor(100, TimeUnit.MILLISECONDS)) {
            rss = Math.max(rss, ProcStats.peakRssMb(sippPid));
        }
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        // GNU time may put "Command exited with non-zero status N" first; our format is the last line.
        List<String> timeLines = Files.readAllLines(timeFile);
        String[] last = timeLines.get(timeLines.size() - 1).trim().split("\\s+");
        double cpuTotal = Double.parseDouble(last[0]) + Double.parseDouble(last[1]);
        rss = Math.max(rss, Double.parseDouble(last[2]) / 1024.0);
        int done = successfulCalls(stat);
        double failuresPct = 100.0 * (count - done) / count;
        double cpuUsPerOp = cpuHalf < 0 ? Double.NaN : (cpuTotal - cpuHalf) * 1e6 / Math.max(1, done - doneHalf);
        double achieved = done * 1000.0 / Math.max(durationMs, elapsedMs);
        return new BenchResult("sipp", count, rate, achieved, failuresPct, p99SecondHalf(workDir), cpuUsPerOp,
                cpuTotal, rss);
    }

    /** SuccessfulCall(C) from the last line of SIPp's -trace_stat file. */
    static int successfulCalls(Path stat) {
        try {
            if (!Files.exists(stat)) {
                return 0;
            }
            List<String> lines = Files.readAllLines(stat, StandardCharsets.ISO_8859_1);
            if (lines.size() < 2) {
                return 0;
            }
            List<String> header = Arrays.asList(lines.get(0).split(";"));
            String[] values = lines.get(lines.size() - 1).split(";");
            int i = header.indexOf("SuccessfulCall(C)");
            return i < 0 || i >= values.length ? 0 : Integer.parseInt(values[i].trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** p99 of SIPp's per-transaction response times (rtd 1 and 2) in the second half of the run. */
    static double p99SecondHalf(Path workDir) throws IOException {
        Optional<Path> rtt;
        try (Stream<Path> files = Files.list(workDir)) {
            rtt = files.filter(f -> f.getFileName().toString().endsWith("_rtt.csv")).findFirst();
        }
        if (rtt.isEmpty()) {
            return Double.NaN;
        }
        List<double[]> samples = new ArrayList<>();
        for (String line : Files.readAllLines(rtt.get(), StandardCharsets.ISO_8859_1)) {
            String[] f = line.split(";");
            if (f.length < 2 || !Character.isDigit(f[0].trim().isEmpty() ? 'x' : f[0].trim().charAt(0))) {
                continue;
            }
            samples.add(new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1])});
        }
        if (samples.isEmpty()) {
            return Double.NaN;
        }
        double first = samples.stream().mapToDouble(s -> s[0]).min().orElse(0);
        double lastT = samples.stream().mapToDouble(s -> s[0]).max().orElse(0);
        double half = first + (lastT - first) / 2;
        double[] second = samples.stream().filter(s -> s[0] >= half).mapToDouble(s -> s[1]).sorted().toArray();
        if (second.length == 0) {
            return Double.NaN;
        }
        return second[(int) Math.min(second.length - 1, Math.ceil(second.length * 0.99) - 1)];
    }
}
