package io.sipdrill.dashboards.compare;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A capacity run as its capacity.json ({@code sipdrill capacity}) describes it: the highest
 * sustainable rate (higher is better) and, at that rate, latency and CPU per operation (lower is
 * better); the SLOs and step length as context, since a looser SLO finds a higher rate.
 *
 * <pre>{@code
 * ComparableRun before = CapacityRun.read(Path.of("target/sipdrill-capacity/20261202-0630-local-register/capacity.json"));
 * }</pre>
 */
public final class CapacityRun extends MeasuredRun {

    public static final String FILE_NAME = "capacity.json";
    /** capacity.json's {@code kind}: how {@link ComparableRuns} tells it from a summary.json. */
    public static final String KIND = "sipdrill-capacity";

    private CapacityRun(String name, Path source, String description, List<MetricValue> metrics) {
        super(name, source, description, metrics);
    }

    /**
     * @throws IllegalArgumentException naming the file when it is not JSON or not a capacity.json
     * @throws UncheckedIOException     when it cannot be read
     */
    public static CapacityRun read(Path file) {
        return of(ComparableRuns.nameOf(file, FILE_NAME), file, ComparableRuns.parse(file));
    }

    /** True when {@code root} is a capacity.json (its {@code kind}). */
    static boolean isCapacity(JsonNode root) {
        return root != null && KIND.equals(root.path("kind").asText());
    }

    public static CapacityRun of(String name, Path source, JsonNode root) {
        if (!isCapacity(root)) {
            throw new IllegalArgumentException(source + " is not a sipdrill capacity.json (its \"kind\" is not " + KIND + ")");
        }
        String description = String.format(Locale.ROOT, "capacity of %s on %s, %ss steps: %s", root.path("what").asText("?"),
                root.path("env").asText("?"), SummaryMetrics.plain(root.path("step_seconds").asDouble()),
                root.path("verdict").asText("?"));
        List<MetricValue> m = new ArrayList<>();
        put(m, Metric.higherIsBetter("highest_sustainable_rate", "highest sustainable rate", "/s"), root, "highest_sustainable_rate");
        put(m, Metric.context("first_breaking_rate", "first breaking rate", "/s"), root, "first_breaking_rate");
        JsonNode at = root.path("at_highest");
        for (String p : new String[] {"p50", "p95", "p99"}) {
            put(m, Metric.lowerIsBetter("at_highest." + p + "_ms", p + " at the highest sustainable rate", "ms"), at, p + "_ms");
        }
        put(m, Metric.higherIsBetter("at_highest.achieved_rate", "achieved rate at the highest sustainable rate", "/s"),
                at, "achieved_rate");
        put(m, Metric.lowerIsBetter("at_highest.sipdrill_cpu_us_per_op", "sipdrill CPU per operation", "µs"),
                at, "sipdrill_cpu_us_per_op");
        put(m, Metric.lowerIsBetter("at_highest.target_cpu_us_per_op", "target CPU per operation", "µs"),
                at, "target_cpu_us_per_op");
        put(m, Metric.context("slo.p95_ms", "SLO p95", "ms"), root.path("slo"), "p95_ms");
        put(m, Metric.context("slo.failures_pct", "SLO failures", "%"), root.path("slo"), "failures_pct");
        put(m, Metric.context("step_seconds", "step length", "s"), root, "step_seconds");
        return new CapacityRun(name, source, description, m);
    }

    /** Present keys only; a JSON null (not measured, or nothing sustained) is kept as a null value. */
    private static void put(List<MetricValue> out, Metric metric, JsonNode node, String key) {
        if (node != null && node.isObject() && node.has(key)) {
            JsonNode v = node.get(key);
            out.add(new MetricValue(metric, v.isNumber() ? v.asDouble() : null));
        }
    }
}
