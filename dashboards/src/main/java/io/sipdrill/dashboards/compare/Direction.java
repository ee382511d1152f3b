package io.sipdrill.dashboards.compare;

/** Which way a metric gets better; {@code CONTEXT} describes the run (handsets, time scale) and is never judged. */
public enum Direction {
    HIGHER_IS_BETTER,
    LOWER_IS_BETTER,
    CONTEXT
}
