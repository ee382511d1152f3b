package io.sipdrill.dashboards.compare;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes {@code compare.json}: both runs, the threshold, every metric with its direction, both values,
 * the relative change and the verdict, and the regressed metrics' keys. Like summary.json, a value a
 * run has but never reached is null, and a metric a run lacks is marked by {@code in_a}/{@code in_b}.
 */
public final class CompareJson {

    public static final String FILE_NAME = "compare.json";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CompareJson() {
    }

    public static Path write(RunComparison c, Path outDir) {
        Path file = outDir.resolve(FILE_NAME);
        try {
            Files.createDirectories(outDir);
            Files.writeString(file, MAPPER.writeValueAsString(tree(c)) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    static ObjectNode tree(RunComparison c) {
        ObjectNode root = MAPPER.createObjectNode();
        run(root.putObject("a"), c.a());
        run(root.putObject("b"), c.b());
        root.put("threshold_pct", c.thresholdPct());
        root.put("regressed", c.regressed());
        ArrayNode metrics = root.putArray("metrics");
        for (MetricChange m : c.changes()) {
            ObjectNode node = metrics.addObject();
            node.put("key", m.metric().key());
            node.put("label", m.metric().label());
            node.put("unit", m.metric().unit());
            node.put("direction", m.metric().direction().name().toLowerCase(Locale.ROOT));
            node.put("in_a", m.inA());
            node.put("in_b", m.inB());
            node.put("a", m.a());
            node.put("b", m.b());
            node.put("change_pct", m.changePct() == null ? null : Math.round(m.changePct() * 100) / 100.0);
            node.put("verdict", m.verdict().name().toLowerCase(Locale.ROOT));
        }
        ArrayNode regressions = root.putArray("regressions");
        c.regressions().forEach(r -> regressions.add(r.metric().key()));
        return root;
    }

    private static void run(ObjectNode node, ComparableRun run) {
        node.put("name", run.name());
        node.put("source", run.source().toString());
        node.put("description", run.description());
    }
}
