package io.sipdrill.app.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One SIPp process run under GNU time: its pid (for /proc samples while it runs, such as the CPU
 * used by half time), then the whole process's CPU and peak memory once it has exited.
 *
 * <pre>{@code
 * TimedSipp uac = TimedSipp.start(List.of("-sn", "uac", ...), workDir, "uac");
 * double cpuHalf = uac.cpuSeconds();
 * uac.awaitExit(Duration.ofMinutes(2));
 * double cpuTotal = uac.cpuTotalSeconds();
 * }</pre>
 */
final class TimedSipp {

    static final Path SIPP = Path.of("/usr/bin/sipp");
    static final Path GNU_TIME = Path.of("/usr/bin/time");

    private final Process process;
    private final Path timeFile;
    private final long sippPid;
    private double peakRssMb;

    private TimedSipp(Process process, Path timeFile, long sippPid) {
        this.process = process;
        this.timeFile = timeFile;
        this.sippPid = sippPid;
    }

    /** Starts {@code sipp ARGS} in {@code workDir}, its output in {@code NAME.log}. */
    static TimedSipp start(List<String> sippArgs, Path workDir, String name) throws IOException, InterruptedException {
        Path timeFile = workDir.resolve(name + "-time.txt");
        List<String> command = new ArrayList<>(List.of(GNU_TIME.toString(), "-f", "%U %S %M", "-o", timeFile.toString(),
                SIPP.toString()));
        command.addAll(sippArgs);
        Process p = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(workDir.resolve(name + ".log").toFile()).start();
        // GNU time forks SIPp at once; /proc samples must read SIPp, not time.
        long pid = -1;
        for (int i = 0; i < 100 && pid < 0 && p.isAlive(); i++) {
            pid = p.descendants().map(ProcessHandle::pid).findFirst().orElse(-1L);
            if (pid < 0) {
                Thread.sleep(5);
            }
        }
        return new TimedSipp(p, timeFile, pid);
    }

    /** SIPp's CPU so far (user + system seconds), or -1 once it is gone. */
    double cpuSeconds() {
        return ProcStats.cpuSeconds(sippPid);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for SIPp to exit by itself, sampling its peak memory; false if it is still running at the deadline. */
    boolean awaitExit(long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (!process.waitFor(100, TimeUnit.MILLISECONDS)) {
            peakRssMb = Math.max(peakRssMb, ProcStats.peakRssMb(sippPid));
            if (System.nanoTime() > deadline) {
                return false;
            }
        }
        return true;
    }

    /** Ends SIPp (SIGTERM to it; GNU time then reports and exits) and waits for both. */
    void stop() throws InterruptedException {
        peakRssMb = Math.max(peakRssMb, ProcStats.peakRssMb(sippPid));
        ProcessHandle.of(sippPid).ifPresent(ProcessHandle::destroy);
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** Whole-process CPU (user + system) from GNU time; call after SIPp exited. */
    double cpuTotalSeconds() throws IOException {
        String[] f = lastTimeLine();
        return Double.parseDouble(f[0]) + Double.parseDouble(f[1]);
    }

    /** Peak RSS in MB: the larger of GNU time's maximum and what was sampled while running. */
    double peakRssMb() throws IOException {
        return Math.max(peakRssMb, Double.parseDouble(lastTimeLine()[2]) / 1024.0);
    }

    private String[] lastTimeLine() throws IOException {
        // GNU time may put "Command exited with non-zero status N" first; our format is the last line.
        List<String> lines = Files.readAllLines(timeFile);
        return lines.get(lines.size() - 1).trim().split("\\s+");
    }
}
