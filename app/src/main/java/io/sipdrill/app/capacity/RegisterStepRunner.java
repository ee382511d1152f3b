package io.sipdrill.app.capacity;

import io.sipdrill.app.bench.RegisterRateStep;
import io.sipdrill.app.bench.StepMeasurement;
import io.sipdrill.environments.SipEndpoint;

import java.util.function.DoubleSupplier;

/**
 * The real step: {@code stepSeconds × rate} handsets register once each at the target registrar
 * (the bench's load, {@link RegisterRateStep}). Every step has its own users, after the previous
 * steps' ones, so each REGISTER creates a binding instead of refreshing one (the more expensive case
 * for a registrar, and the one an outage's re-registration storm produces).
 */
final class RegisterStepRunner implements StepRunner {

    /** After the last start of a step: what completes later counts as failed (the p95 SLO is ~100 ms). */
    static final long GRACE_MS = 2_000;
    /**
     * Before every step but the first: a broken step leaves a backlog (Kamailio's socket buffer,
     * requests in its workers) that would otherwise land on the next, lower step and break it too.
     */
    static final long SETTLE_MS = 2_000;

    private final SipEndpoint registrar;
    private final String handsetAddress;
    private final double stepSeconds;
    private final DoubleSupplier targetCpuSeconds;
    private int nextHandset;

    RegisterStepRunner(SipEndpoint registrar, String handsetAddress, double stepSeconds, DoubleSupplier targetCpuSeconds) {
        this.registrar = registrar;
        this.handsetAddress = handsetAddress;
        this.stepSeconds = stepSeconds;
        this.targetCpuSeconds = targetCpuSeconds;
    }

    @Override
    public StepMeasurement run(int index, double rate) throws Exception {
        if (index > 0) {
            Thread.sleep(SETTLE_MS);
        }
        int count = Math.max(2, (int) Math.round(rate * stepSeconds));
        int first = nextHandset;
        nextHandset += count;
        return RegisterRateStep.run(registrar.address(), registrar.realm(), handsetAddress, first, count, rate, GRACE_MS,
                targetCpuSeconds);
    }
}
