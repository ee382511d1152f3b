package io.sipdrill.app.bench;

/**
 * One bench-like run at one rate, judged on its second half (the steady state): what {@code sipdrill
 * capacity} records per step. Rates are per second, latencies in ms, CPU as seconds over the second
 * half and microseconds per completed operation; the target's CPU is NaN when it is not a process of
 * its own (the embedded registrar runs in sipdrill's JVM, so its CPU is inside sipdrill's).
 *
 * @param achievedRate  completions per second in the second half
 * @param failuresPct   second-half starts that did not complete within the step's grace, in percent
 */
public record StepMeasurement(double targetRate, int count, double achievedRate, double failuresPct,
                              double p50Ms, double p95Ms, double p99Ms,
                              double sipdrillCpuS, double sipdrillCpuUsPerOp,
                              double targetCpuS, double targetCpuUsPerOp) {
}
