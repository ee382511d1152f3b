package io.sipdrill.app.bench;

import java.lang.management.ManagementFactory;
import java.util.function.DoubleSupplier;

/**
 * Measures a load running in this JVM: process CPU at half time and once every operation ended
 * (or the give-up time after the last start), so {@code cpu_us_per_op} is the steady second half
 * and the JIT's warm-up is in {@code cpu_total_s}.
 */
final class InProcessMeter {

    /** Timer F (64·T1) plus a margin: the longest an operation started last can still take. */
    private static final long GIVE_UP_MS = 33_000;

    private InProcessMeter() {
    }

    /** What must happen after the measurement and before peak memory is read. */
    @FunctionalInterface
    interface Finish {
        void run() throws Exception;
    }

    /**
     * @param durationMs how long the starts are spread over
     * @param startMs    the progress clock's time of the first start
     */
    static BenchResult measure(BenchProgress progress, int count, double rate, long durationMs, long startMs,
                               Finish finish) throws Exception {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Thread.sleep(durationMs / 2);
        double cpuHalf = os.getProcessCpuTime() / 1e9;
        int doneHalf = progress.completed();
        long deadline = System.nanoTime() + (durationMs / 2 + GIVE_UP_MS) * 1_000_000L;
        while (progress.completed() + progress.failed() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        double cpuEnd = os.getProcessCpuTime() / 1e9;
        int done = progress.completed();
        finish.run();
        double rssMb = ProcStats.peakRssMb(ProcessHandle.current().pid());
        double achieved = done * 1000.0 / Math.max(durationMs, progress.lastCompletionMillis() - startMs);
        double failuresPct = 100.0 * (count - done) / count;
        double cpuUsPerOp = (cpuEnd - cpuHalf) * 1e6 / Math.max(1, done - doneHalf);
        return new BenchResult("sipdrill", count, rate, achieved, failuresPct, progress.p99Ms(), cpuUsPerOp,
                cpuEnd, rssMb);
    }

    /**
     * One capacity step: like {@link #measure} but judged on the second half only, and without the
     * long give-up: an operation still open {@code graceMs} after the last start has already broken
     * any latency SLO worth having, so waiting out Timer F would only slow the search down.
     *
     * @param targetCpuSeconds the target process's CPU so far (NaN when it has none of its own)
     */
    static StepMeasurement measureStep(BenchProgress progress, int count, double rate, long durationMs, long halfClockMs,
                                       long graceMs, DoubleSupplier targetCpuSeconds, Finish finish) throws Exception {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long startNanos = System.nanoTime();
        Thread.sleep(durationMs / 2);
        double cpuHalf = os.getProcessCpuTime() / 1e9;
        double targetHalf = targetCpuSeconds.getAsDouble();
        int doneHalf = progress.completed();
        long deadline = startNanos + (durationMs + graceMs) * 1_000_000L;
        while (progress.completed() + progress.failed() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        double cpuEnd = os.getProcessCpuTime() / 1e9;
        double targetEnd = targetCpuSeconds.getAsDouble();
        int done = progress.completed();
        int doneSecondHalf = progress.secondHalfStartsCompleted();
        if (doneSecondHalf < 0) {
            // Completions after half time stand for the second half's starts: at a sustainable rate
            // latency is milliseconds, so the few that straddle the half cancel out.
            doneSecondHalf = done - doneHalf;
        }
        long lastMs = progress.lastCompletionMillis();
        finish.run();
        int startsSecondHalf = count - count / 2;
        double failuresPct = 100.0 * Math.max(0, startsSecondHalf - doneSecondHalf) / startsSecondHalf;
        long secondHalfMs = Math.max(durationMs - durationMs / 2, lastMs - halfClockMs);
        double sipdrillCpu = cpuEnd - cpuHalf;
        double targetCpu = targetEnd - targetHalf;
        int perOp = Math.max(1, done - doneHalf);
        return new StepMeasurement(rate, count, doneSecondHalf * 1000.0 / secondHalfMs, failuresPct,
                progress.secondHalfLatencyMs(50), progress.secondHalfLatencyMs(95), progress.secondHalfLatencyMs(99),
                sipdrillCpu, sipdrillCpu * 1e6 / perOp, targetCpu, targetCpu * 1e6 / perOp);
    }
}
