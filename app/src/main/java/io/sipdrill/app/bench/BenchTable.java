package io.sipdrill.app.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Prints the side-by-side table and writes the same numbers as JSON. */
final class BenchTable {

    private BenchTable() {
    }

    /** @param ops what one operation is, plural (registrations, calls) */
    static void print(PrintStream out, BenchResult a, BenchResult b, String ops) {
        out.printf("%-9s %8s %8s %9s %8s %13s %11s %8s %10s%n",
                "tool", "target/s", "rate/s", "failures", "p99 ms", "cpu_us_per_op", "cpu_total_s", "rss_mb", "sustained");
        for (BenchResult r : new BenchResult[] {a, b}) {
            out.printf("%-9s %8.0f %8.0f %8.2f%% %8.2f %13.1f %11.2f %8.0f %10s%n", r.tool(), r.targetRate(), r.rate(),
                    r.failuresPct(), r.p99Ms(), r.cpuUsPerOp(), r.cpuTotalS(), r.rssMb(), r.sustained() ? "yes" : "NO");
        }
        out.printf("%-9s %8s %8s %9s %8s %13s %11s %8s%n", "ratio", "", ratio(a.rate(), b.rate()), "",
                ratio(a.p99Ms(), b.p99Ms()), ratio(a.cpuUsPerOp(), b.cpuUsPerOp()), ratio(a.cpuTotalS(), b.cpuTotalS()),
                ratio(a.rssMb(), b.rssMb()));
        out.printf("(CPU-s per 1,000 %s, steady state: sipdrill %.3f, sipp %.3f)%n",
                ops, a.cpuUsPerOp() / 1000, b.cpuUsPerOp() / 1000);
    }

    /**
     * {@code a ÷ b} with two decimals, or "-" when b is 0: SIPp reports response times in whole
     * milliseconds, so a p99 under 1 ms reads 0 and the ratio would print "Infinity".
     */
    static String ratio(double a, double b) {
        return b > 0 && Double.isFinite(a) ? String.format("%.2f", a / b) : "-";
    }

    static void writeJson(Path file, BenchResult a, BenchResult b) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        for (BenchResult r : new BenchResult[] {a, b}) {
            ObjectNode n = root.putObject(r.tool());
            n.put("rate", round(r.rate()));
            n.put("failures_pct", round(r.failuresPct()));
            n.put("p99_ms", round(r.p99Ms()));
            n.put("cpu_us_per_op", round(r.cpuUsPerOp()));
            n.put("cpu_total_s", round(r.cpuTotalS()));
            n.put("rss_mb", round(r.rssMb()));
            n.put("target_rate", r.targetRate());
            n.put("count", r.count());
            n.put("sustained", r.sustained());
        }
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        mapper.writeValue(file.toFile(), root);
    }

    private static double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 100) / 100.0 : Double.NaN;
    }
}
