package io.sipdrill.app.bench;

/**
 * One side of the benchmark. {@code cpuUsPerOp} is steady state (second half of the run, CPU
 * microseconds per completed registration or call); {@code cpuTotalS} is the whole process including
 * start-up and JIT warm-up. {@code p99Ms} is over transactions in the second half.
 */
public record BenchResult(String tool, int count, double targetRate, double rate, double failuresPct, double p99Ms,
                          double cpuUsPerOp, double cpuTotalS, double rssMb) {

    /** The brief's "sustained": rate met (within 2%), p99 under 100 ms in the second half, under 1% failures. */
    public boolean sustained() {
        return rate >= targetRate * 0.98 && p99Ms < 100 && failuresPct < 1;
    }
}
