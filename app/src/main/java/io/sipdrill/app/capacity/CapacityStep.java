package io.sipdrill.app.capacity;

import io.sipdrill.app.bench.StepMeasurement;

import java.util.List;

/** One step of the search: its place, why it ran, what it measured and which SLOs it broke. */
public record CapacityStep(int index, Phase phase, StepMeasurement measured, List<String> broken) {

    /** Why a step ran: the climb up, or confirming the breaking point on the way down. */
    public enum Phase {
        CLIMB, CONFIRM;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public CapacityStep {
        broken = List.copyOf(broken);
    }

    public boolean sustained() {
        return broken.isEmpty();
    }

    public double targetRate() {
        return measured.targetRate();
    }
}
