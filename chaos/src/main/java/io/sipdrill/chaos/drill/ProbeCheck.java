package io.sipdrill.chaos.drill;

/** One entry of the steady-state hypothesis: a probe and the tolerance its value must meet. */
public record ProbeCheck(Probe probe, Tolerance tolerance) {
}
