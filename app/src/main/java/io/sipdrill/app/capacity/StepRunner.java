package io.sipdrill.app.capacity;

import io.sipdrill.app.bench.StepMeasurement;

/**
 * Runs one step of the search at one rate against the target. The real one drives handsets at a
 * registrar ({@link RegisterStepRunner}); tests give a fake system that breaks above a known rate.
 */
@FunctionalInterface
public interface StepRunner {

    /** @param index 0 for the first step; a runner uses it to keep each step's handsets distinct */
    StepMeasurement run(int index, double rate) throws Exception;
}
