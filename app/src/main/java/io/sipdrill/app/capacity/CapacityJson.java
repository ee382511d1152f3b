package io.sipdrill.app.capacity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sipdrill.app.bench.StepMeasurement;
import io.sipdrill.dashboards.compare.CapacityRun;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes capacity.json: the verdict, the evidence at the highest sustainable rate, and every step.
 * {@link CapacityRun} reads it back for {@code sipdrill compare}; the key names are shared there.
 */
final class CapacityJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CapacityJson() {
    }

    static Path write(Path dir, CapacityReportHeader header, CapacityResult result) throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("kind", CapacityRun.KIND);
        root.put("env", header.env());
        root.put("what", header.what());
        root.put("started", header.started().toString());
        root.put("step_seconds", header.stepSeconds());
        SearchPlan plan = header.plan();
        ObjectNode search = root.putObject("search");
        search.put("start", plan.start());
        search.put("step", plan.step().toString());
        search.put("max", plan.max());
        ObjectNode slo = root.putObject("slo");
        slo.put("failures_pct", plan.slo().maxFailuresPct());
        slo.put("p95_ms", plan.slo().maxP95Ms());
        slo.put("achieved_min_pct", plan.slo().minAchievedPct());
        root.put("outcome", result.outcome().key());
        root.put("verdict", result.verdict());
        number(root, "highest_sustainable_rate", result.highestSustainable().orElse(Double.NaN));
        number(root, "first_breaking_rate", result.firstBreaking().orElse(Double.NaN));
        root.put("confirmed", result.confirmed());
        result.atHighest().ifPresentOrElse(s -> measurement(root.putObject("at_highest"), s.measured()),
                () -> root.putNull("at_highest"));
        ArrayNode steps = root.putArray("steps");
        for (CapacityStep s : result.steps()) {
            ObjectNode n = steps.addObject();
            n.put("index", s.index());
            n.put("phase", s.phase().label());
            measurement(n, s.measured());
            n.put("sustained", s.sustained());
            ArrayNode broken = n.putArray("broken");
            s.broken().forEach(broken::add);
        }
        Files.createDirectories(dir);
        Path file = dir.resolve(CapacityRun.FILE_NAME);
        MAPPER.writeValue(file.toFile(), root);
        return file;
    }

    private static void measurement(ObjectNode n, StepMeasurement m) {
        number(n, "target_rate", m.targetRate());
        n.put("count", m.count());
        number(n, "achieved_rate", m.achievedRate());
        number(n, "failures_pct", m.failuresPct());
        number(n, "p50_ms", m.p50Ms());
        number(n, "p95_ms", m.p95Ms());
        number(n, "p99_ms", m.p99Ms());
        number(n, "sipdrill_cpu_s", m.sipdrillCpuS());
        number(n, "sipdrill_cpu_us_per_op", m.sipdrillCpuUsPerOp());
        number(n, "target_cpu_s", m.targetCpuS());
        number(n, "target_cpu_us_per_op", m.targetCpuUsPerOp());
    }

    /** Two decimals; NaN (not measured) as null, since JSON has no NaN. */
    private static void number(ObjectNode n, String key, double v) {
        if (Double.isFinite(v)) {
            n.put(key, Math.round(v * 100) / 100.0);
        } else {
            n.putNull(key);
        }
    }
}
