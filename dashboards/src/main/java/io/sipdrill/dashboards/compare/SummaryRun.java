package io.sipdrill.dashboards.compare;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sipdrill.dashboards.summary.SummaryJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A drill run as its summary.json describes it, with the metrics of {@link SummaryMetrics}.
 *
 * <pre>{@code
 * ComparableRun baseline = SummaryRun.read(Path.of("target/sipdrill-runs/20261201-0300-registrar-outage/summary.json"));
 * }</pre>
 */
public final class SummaryRun implements ComparableRun {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String name;
    private final Path source;
    private final String description;
    private final List<MetricValue> metrics;

    private SummaryRun(String name, Path source, String description, List<MetricValue> metrics) {
        this.name = name;
        this.source = source;
        this.description = description;
        this.metrics = List.copyOf(metrics);
    }

    /**
     * @throws IllegalArgumentException naming the file when it is not JSON or not a sipdrill summary
     * @throws UncheckedIOException     when it cannot be read
     */
    public static SummaryRun read(Path summaryJson) {
        JsonNode root;
        try {
            root = MAPPER.readTree(Files.readString(summaryJson));
        } catch (JacksonException e) {
            throw new IllegalArgumentException(summaryJson + " is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + summaryJson, e);
        }
        return of(nameOf(summaryJson), summaryJson, root);
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

    /** The run's report folder names it (sipdrill run makes it TIME-DRILL); a bare file falls back to its own name. */
    private static String nameOf(Path summaryJson) {
        Path absolute = summaryJson.toAbsolutePath().normalize();
        Path folder = absolute.getParent();
        if (folder != null && folder.getFileName() != null
                && absolute.getFileName().toString().equals(SummaryJson.FILE_NAME)) {
            return folder.getFileName().toString();
        }
        String file = absolute.getFileName().toString();
        return file.endsWith(".json") ? file.substring(0, file.length() - 5) : file;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Path source() {
        return source;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public List<MetricValue> metrics() {
        return metrics;
    }
}
