package io.sipdrill.dashboards.html;

/** Round tick steps (1, 2, 5 × 10ⁿ) so axes read 0, 5, 10 rather than 0, 4.3, 8.6. */
final class AxisTicks {

    private AxisTicks() {
    }

    /** A step that cuts {@code range} into at most about {@code maxTicks} intervals. */
    static double step(double range, int maxTicks) {
        if (!(range > 0)) {
            return 1;
        }
        double raw = range / maxTicks;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * magnitude >= raw) {
                return m * magnitude;
            }
        }
        return 10 * magnitude;
    }

    /** The smallest multiple of the step at or above {@code value}: the axis end. */
    static double ceil(double value, double step) {
        return Math.max(step, Math.ceil(value / step - 1e-9) * step);
    }
}
