package io.sipdrill.dashboards.compare;

import java.nio.file.Path;
import java.util.List;

/**
 * A run read from one of its files: what {@link SummaryRun} and {@link CapacityRun} both hold once
 * they have turned their JSON into metrics. Only the reading differs between them.
 */
abstract class MeasuredRun implements ComparableRun {

    private final String name;
    private final Path source;
    private final String description;
    private final List<MetricValue> metrics;

    MeasuredRun(String name, Path source, String description, List<MetricValue> metrics) {
        this.name = name;
        this.source = source;
        this.description = description;
        this.metrics = List.copyOf(metrics);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Path source() {
        return source;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final List<MetricValue> metrics() {
        return metrics;
    }
}
