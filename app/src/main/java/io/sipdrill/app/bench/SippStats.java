package io.sipdrill.app.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** What SIPp's own statistics files say: successful calls ({@code -trace_stat}) and response times ({@code -trace_rtt}). */
final class SippStats {

    private SippStats() {
    }

    /** SuccessfulCall(C) from the last line of SIPp's -trace_stat file. */
    static int successfulCalls(Path stat) {
        try {
            if (!Files.exists(stat)) {
                return 0;
            }
            List<String> lines = Files.readAllLines(stat, StandardCharsets.ISO_8859_1);
            if (lines.size() < 2) {
                return 0;
            }
            List<String> header = Arrays.asList(lines.get(0).split(";"));
            String[] values = lines.get(lines.size() - 1).split(";");
            int i = header.indexOf("SuccessfulCall(C)");
            return i < 0 || i >= values.length ? 0 : Integer.parseInt(values[i].trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * SIPp's {@code -rtt_freq} for a run of {@code count} calls: it writes its response times every
     * that many calls, and a short run below the frequency leaves no file at all.
     */
    static String rttFrequency(int count) {
        return Integer.toString(Math.max(1, Math.min(1000, count / 20)));
    }

    /** p99 of the response times in SIPp's {@code *_rtt.csv} in {@code workDir}, over the second half of the run. */
    static double p99SecondHalf(Path workDir) throws IOException {
        Optional<Path> rtt;
        try (Stream<Path> files = Files.list(workDir)) {
            rtt = files.filter(f -> f.getFileName().toString().endsWith("_rtt.csv")).findFirst();
        }
        if (rtt.isEmpty()) {
            return Double.NaN;
        }
        List<double[]> samples = new ArrayList<>();
        for (String line : Files.readAllLines(rtt.get(), StandardCharsets.ISO_8859_1)) {
            String[] f = line.split(";");
            if (f.length < 2 || !Character.isDigit(f[0].trim().isEmpty() ? 'x' : f[0].trim().charAt(0))) {
                continue;
            }
            samples.add(new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1])});
        }
        if (samples.isEmpty()) {
            return Double.NaN;
        }
        double first = samples.stream().mapToDouble(s -> s[0]).min().orElse(0);
        double lastT = samples.stream().mapToDouble(s -> s[0]).max().orElse(0);
        double half = first + (lastT - first) / 2;
        double[] second = samples.stream().filter(s -> s[0] >= half).mapToDouble(s -> s[1]).sorted().toArray();
        if (second.length == 0) {
            return Double.NaN;
        }
        return second[(int) Math.min(second.length - 1, Math.ceil(second.length * 0.99) - 1)];
    }
}
