package io.sipdrill.app.soak;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Whether a long run's resources stayed flat: the second half of the samples against the first
 * sample after warm-up (the baseline). A leak shows as a level that keeps rising, so each count is
 * judged by the median of the second half (one noisy sample, e.g. a burst of calls holding media
 * sockets, does not decide), and the heap by the last sample, which like the baseline follows a
 * forced full collection: heap after an ordinary young collection still holds old garbage no
 * concurrent cycle has marked yet, and would rise without any leak.
 *
 * <pre>{@code
 * Flatness.Verdict v = Flatness.GENEROUS.judge(samples, 2); // samples[2] is the baseline
 * System.out.println(v.line());
 * }</pre>
 *
 * @param heapGrowthMb  the heap may grow by this much …
 * @param heapGrowthPct … or by this share of the baseline, whichever is more
 * @param threadGrowth  live threads the second half may add
 * @param fdGrowth      file descriptors the second half may add (sockets included)
 * @param socketGrowth  sockets the second half may add
 */
public record Flatness(double heapGrowthMb, double heapGrowthPct, int threadGrowth, int fdGrowth, int socketGrowth) {

    /**
     * Generous bounds for a shared, noisy machine. A real leak at soak rates passes them within
     * minutes: one socket or thread per call is ~60 a minute at 1 call/s, one retained kilobyte per
     * REGISTER ~5 MB a minute at 80 transactions/s; what moves these counts without a leak is calls
     * in progress (their media sockets) and pools that grow and shrink a few threads.
     */
    public static final Flatness GENEROUS = new Flatness(64, 25, 16, 64, 64);

    /** The comparison and its outcome; {@code problems} names each bound broken (empty when flat). */
    public record Verdict(ResourceSample baseline, int secondHalfSamples, double heapGrowthMb, int threadDelta,
                          int fdDelta, int socketDelta, boolean fullGcAtEnd, List<String> problems) {

        public boolean flat() {
            return problems.isEmpty();
        }

        /** One line: the deltas, then FLAT or NOT FLAT with the bounds broken. */
        public String line() {
            return String.format(Locale.ROOT,
                    "soak verdict: second half (%d samples) vs baseline at %d s: heap after %s GC %+.1f MB (%.1f → %.1f MB),"
                            + " threads %+d, fds %+d, sockets %+d: %s",
                    secondHalfSamples, baseline.tS(), baseline.fullGc() && fullGcAtEnd ? "full" : "last", heapGrowthMb, baseline.heapAfterGcMb(), baseline.heapAfterGcMb() + heapGrowthMb,
                    threadDelta, fdDelta, socketDelta, flat() ? "FLAT" : "NOT FLAT (" + String.join("; ", problems) + ")");
        }
    }

    /**
     * Judges {@code samples} (in time order) with {@code samples[warmUpSamples]} as the baseline and
     * the second half of the rest (the later half, its middle sample included when odd) as the level.
     *
     * @throws IllegalArgumentException with fewer than two samples after the warm-up
     */
    public Verdict judge(List<ResourceSample> samples, int warmUpSamples) {
        if (warmUpSamples < 0 || samples.size() - warmUpSamples < 2) {
            throw new IllegalArgumentException("need a baseline and at least one later sample after " + warmUpSamples
                    + " warm-up samples; got " + samples.size() + " samples");
        }
        ResourceSample baseline = samples.get(warmUpSamples);
        List<ResourceSample> after = samples.subList(warmUpSamples + 1, samples.size());
        List<ResourceSample> secondHalf = after.subList(after.size() / 2, after.size());
        ResourceSample last = samples.get(samples.size() - 1);

        double heapGrowth = last.heapAfterGcMb() - baseline.heapAfterGcMb();
        int threadDelta = median(secondHalf, ResourceSample::threads) - baseline.threads();
        int fdDelta = median(secondHalf, ResourceSample::fds) - baseline.fds();
        int socketDelta = median(secondHalf, ResourceSample::sockets) - baseline.sockets();

        List<String> problems = new ArrayList<>();
        double heapBound = Math.max(heapGrowthMb, baseline.heapAfterGcMb() * heapGrowthPct / 100);
        if (heapGrowth > heapBound) {
            problems.add(String.format(Locale.ROOT, "heap grew %.1f MB, bound %.1f MB", heapGrowth, heapBound));
        }
        if (threadDelta > threadGrowth) {
            problems.add("threads grew " + threadDelta + ", bound " + threadGrowth);
        }
        if (fdDelta > fdGrowth) {
            problems.add("file descriptors grew " + fdDelta + ", bound " + fdGrowth);
        }
        if (socketDelta > socketGrowth) {
            problems.add("sockets grew " + socketDelta + ", bound " + socketGrowth);
        }
        return new Verdict(baseline, secondHalf.size(), heapGrowth, threadDelta, fdDelta, socketDelta, last.fullGc(),
                List.copyOf(problems));
    }

    private static int median(List<ResourceSample> samples, java.util.function.ToIntFunction<ResourceSample> value) {
        int[] values = samples.stream().mapToInt(value).toArray();
        Arrays.sort(values);
        return values[(values.length - 1) / 2]; // the lower median: a rise must hold for more than half the samples
    }
}
