package io.sipdrill.environments.embedded;

import io.sipdrill.chaos.fault.Fault;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Turns a server's capacity down to a factor (0 = stops answering) and back to 1. Reverting sets the
 * factor rather than restoring a saved one, so it is idempotent whatever ran before. The model can
 * be looked up at inject time, so a fault after a restart acts on the new server; the revert acts
 * on the model it turned down.
 */
public final class CapacityFault implements Fault {

    private final String name;
    private final String target;
    private final Supplier<Optional<CapacityModel>> capacity;
    private final double factor;
    private CapacityModel turnedDown;

    public CapacityFault(String name, String target, CapacityModel capacity, double factor) {
        this(name, target, () -> Optional.of(capacity), factor);
    }

    /** @param capacity the running server's model, empty while it is down */
    public CapacityFault(String name, String target, Supplier<Optional<CapacityModel>> capacity, double factor) {
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
    public synchronized void inject() {
        CapacityModel model = capacity.get()
                .orElseThrow(() -> new IllegalStateException(target + " is not running; nothing to turn down"));
        model.setCapacityFactor(factor);
        turnedDown = model;
    }

    @Override
    public synchronized void revert() {
        CapacityModel model = turnedDown != null ? turnedDown : capacity.get().orElse(null);
        if (model != null) {
            model.setCapacityFactor(1.0);
        }
        turnedDown = null;
    }

    /** {@code capacity 0}, {@code capacity 0.1}. */
    @Override
    public String detail() {
        return "capacity " + (factor == Math.rint(factor) ? Long.toString((long) factor) : Double.toString(factor));
    }
}
