package io.sipdrill.dashboards.compare;

/** A run's value of one metric; null when never reached or not measured ({@link Metric#nullIsNever()} says which). */
public record MetricValue(Metric metric, Double value) {
}
