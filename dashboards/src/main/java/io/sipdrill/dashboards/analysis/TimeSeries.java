package io.sipdrill.dashboards.analysis;

import java.util.List;

/**
 * Bucketed lines sharing one x axis: {@code xMin} holds each bucket's middle in real-equivalent
 * minutes since the drill started, and every series has one value per bucket.
 */
public record TimeSeries(List<Double> xMin, List<Series> series) {

    public static final TimeSeries NONE = new TimeSeries(List.of(), List.of());

    public TimeSeries {
        xMin = List.copyOf(xMin);
        series = List.copyOf(series);
        for (Series s : series) {
            if (s.values().size() != xMin.size()) {
                throw new IllegalArgumentException("series " + s.key() + " has " + s.values().size()
                        + " values for " + xMin.size() + " buckets");
            }
        }
    }

    /** Whether a chart of this would draw anything: a chart without points is left out of the report. */
    public boolean hasData() {
        return series.stream().anyMatch(s -> s.points() > 0);
    }

    /** The series with that key, if present. */
    public java.util.Optional<Series> series(String key) {
        return series.stream().filter(s -> s.key().equals(key)).findFirst();
    }
}
