package io.sipdrill.app.soak;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** A soak's samples as a printed table (one row per sample, written as they come), CSV and JSON. */
public final class SoakTable {

    static final String CSV_HEADER = "t_s,heap_after_gc_mb,full_gc,threads,fds,sockets,registered,tx_per_s";

    private SoakTable() {
    }

    public static String header() {
        return String.format(Locale.ROOT, "%7s %15s %8s %6s %8s %11s %8s", "t_s", "heap_after_gc_MB", "threads", "fds",
                "sockets", "registered", "tx/s");
    }

    /** A row; a heap reading that follows a forced full collection is marked {@code *}. */
    public static String row(ResourceSample s) {
        return String.format(Locale.ROOT, "%7d %14.1f%s %8d %6d %8d %11d %8.1f", s.tS(), s.heapAfterGcMb(),
                s.fullGc() ? "*" : " ", s.threads(), s.fds(), s.sockets(), s.registered(), s.txPerSecond());
    }

    public static String csv(List<ResourceSample> samples) {
        StringBuilder b = new StringBuilder(CSV_HEADER).append('\n');
        for (ResourceSample s : samples) {
            b.append(String.format(Locale.ROOT, "%d,%.1f,%b,%d,%d,%d,%d,%.1f%n", s.tS(), s.heapAfterGcMb(), s.fullGc(),
                    s.threads(), s.fds(), s.sockets(), s.registered(), s.txPerSecond()));
        }
        return b.toString();
    }

    /** {@code {"handsets":…, "samples":[…], "verdict":{…}}}; the verdict is left out when there is none yet. */
    public static String json(int handsets, List<ResourceSample> samples, Flatness.Verdict verdict) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("handsets", handsets);
        ArrayNode rows = root.putArray("samples");
        for (ResourceSample s : samples) {
            ObjectNode n = rows.addObject();
            n.put("t_s", s.tS());
            n.put("heap_after_gc_mb", round(s.heapAfterGcMb()));
            n.put("full_gc", s.fullGc());
            n.put("threads", s.threads());
            n.put("fds", s.fds());
            n.put("sockets", s.sockets());
            n.put("registered", s.registered());
            n.put("tx_per_s", round(s.txPerSecond()));
        }
        if (verdict != null) {
            ObjectNode v = root.putObject("verdict");
            v.put("baseline_t_s", verdict.baseline().tS());
            v.put("second_half_samples", verdict.secondHalfSamples());
            v.put("heap_growth_mb", round(verdict.heapGrowthMb()));
            v.put("thread_delta", verdict.threadDelta());
            v.put("fd_delta", verdict.fdDelta());
            v.put("socket_delta", verdict.socketDelta());
            v.put("flat", verdict.flat());
            verdict.problems().forEach(v.putArray("problems")::add);
        }
        return mapper.writeValueAsString(root);
    }

    /** Writes {@code soak.csv} and {@code soak.json} into {@code dir}. */
    public static void write(Path dir, int handsets, List<ResourceSample> samples, Flatness.Verdict verdict) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("soak.csv"), csv(samples));
        Files.writeString(dir.resolve("soak.json"), json(handsets, samples, verdict));
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
