package io.sipdrill.dashboards.compare;

import com.fasterxml.jackson.databind.JsonNode;
import io.sipdrill.dashboards.summary.SummaryJson;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A drill run as its summary.json describes it, with the metrics of {@link SummaryMetrics}.
 *
 * <pre>{@code
 * ComparableRun baseline = SummaryRun.read(Path.of("target/sipdrill-runs/20261201-0300-registrar-outage/summary.json"));
 * }</pre>
 */
public final class SummaryRun extends MeasuredRun {

    private SummaryRun(String name, Path source, String description, List<MetricValue> metrics) {
        super(name, source, description, metrics);
    }

    /**
     * @throws IllegalArgumentException naming the file when it is not JSON or not a sipdrill summary
     * @throws UncheckedIOException     when it cannot be read
     */
    public static SummaryRun read(Path summaryJson) {
        return of(ComparableRuns.nameOf(summaryJson, SummaryJson.FILE_NAME), summaryJson, ComparableRuns.parse(summaryJson));
    }

    /** A summary already parsed; {@code source} is only reported. */
    public static SummaryRun of(String name, Path source, JsonNode root) {
        if (root == null || !root.isObject() || !root.path("handsets").isNumber()) {
            throw new IllegalArgumentException(source + " is not a sipdrill summary.json (it has no \"handsets\" number)");
        }
        String description = String.format(java.util.Locale.ROOT, "%s on %s, %d handsets, %sx",
                root.path("drill").asText("?"), root.path("env").asText("?"), root.path("handsets").asInt(),
                SummaryMetrics.plain(root.path("time_scale").asDouble(1)));
        return new SummaryRun(name, source, description, SummaryMetrics.of(root));
    }
}
