package io.sipdrill.environments.embedded;

import io.sipdrill.chaos.fault.Fault;

/**
 * Turns a server's capacity down to a factor (0 = stops answering) and back to 1. Reverting sets the
 * factor rather than restoring a saved one, so it is idempotent whatever ran before.
 */
public final class CapacityFault implements Fault {

    private final String name;
    private final String target;
    private final CapacityModel capacity;
    private final double factor;

    public CapacityFault(String name, String target, CapacityModel capacity, double factor) {
        if (factor < 0) {
            throw new IllegalArgumentException("capacity factor must be 0 or more, got " + factor);
        }
        this.name = name;
        this.target = target;
        this.capacity = capacity;
        this.factor = factor;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String target() {
        return target;
    }

    @Override
    public void inject() {
        capacity.setCapacityFactor(factor);
    }

    @Override
    public void revert() {
        capacity.setCapacityFactor(1.0);
    }

    /** {@code capacity 0}, {@code capacity 0.1}. */
    @Override
    public String detail() {
        return "capacity " + (factor == Math.rint(factor) ? Long.toString((long) factor) : Double.toString(factor));
    }
}
