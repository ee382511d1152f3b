package io.sipdrill.app.soak;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The flatness judgement on made-up sample series: flat, leaking, noisy, and too short to judge. */
class FlatnessTest {

    /** Two warm-up samples climbing, then {@code n} samples made by {@code at}. */
    private static List<ResourceSample> series(int n, java.util.function.IntFunction<ResourceSample> at) {
        List<ResourceSample> samples = new ArrayList<>();
        samples.add(new ResourceSample(60, 40, false, 30, 60, 20, 5_000, 300));
        samples.add(new ResourceSample(120, 90, false, 60, 110, 50, 10_000, 150));
        for (int i = 0; i < n; i++) {
            samples.add(at.apply(i));
        }
        return samples;
    }

    private static ResourceSample sample(int i, double heapMb, int threads, int fds, int sockets) {
        return new ResourceSample(180 + 60L * i, heapMb, false, threads, fds, sockets, 10_000, 90);
    }

    /** The baseline (index 2) and the last sample follow a forced full collection, as the soak takes them. */
    private static List<ResourceSample> withFullGcEnds(List<ResourceSample> samples) {
        List<ResourceSample> out = new ArrayList<>(samples);
        for (int i : new int[] {2, out.size() - 1}) {
            ResourceSample s = out.get(i);
            out.set(i, new ResourceSample(s.tS(), s.heapAfterGcMb(), true, s.threads(), s.fds(), s.sockets(), s.registered(),
                    s.txPerSecond()));
        }
        return out;
    }

    @Test
    void aSteadyRunWithCallsComingAndGoingIsFlat() {
        // Media sockets and a pool's threads move with the calls in progress; young-GC heap readings saw-tooth.
        List<ResourceSample> samples = withFullGcEnds(series(20, i -> sample(i, i % 3 == 0 ? 100 : 180 + i,
                60 + i % 4, 110 + (i * 7) % 30, 50 + (i * 7) % 30)));
        samples.set(samples.size() - 1, new ResourceSample(1320, 112, true, 61, 115, 52, 10_000, 90));
        samples.set(2, new ResourceSample(180, 100, true, 60, 110, 50, 10_000, 90));

        Flatness.Verdict v = Flatness.GENEROUS.judge(samples, 2);

        assertThat(v.flat()).as(v.line()).isTrue();
        assertThat(v.baseline().tS()).as("the first sample after the warm-up").isEqualTo(180);
        assertThat(v.secondHalfSamples()).as("the later half of the 19 samples after the baseline").isEqualTo(10);
        assertThat(v.heapGrowthMb()).as("last full-GC reading minus the baseline's, not the young-GC peaks").isEqualTo(12.0);
        assertThat(v.line()).contains("FLAT").contains("heap after full GC +12.0 MB").doesNotContain("NOT FLAT");
    }

    @Test
    void aSocketPerCallLeakIsNotFlatAndSaysWhichBoundBroke() {
        // 60 calls a minute, one socket (and its descriptor) never closed per call.
        List<ResourceSample> samples = withFullGcEnds(series(20, i -> sample(i, 100, 60, 110 + 60 * i, 50 + 60 * i)));

        Flatness.Verdict v = Flatness.GENEROUS.judge(samples, 2);

        assertThat(v.flat()).as(v.line()).isFalse();
        assertThat(v.socketDelta()).as("median of samples 10..19 (the lower one, sample 14) minus sample 0").isEqualTo(60 * 14);
        assertThat(v.problems()).as(v.line()).containsExactly("file descriptors grew 840, bound 64", "sockets grew 840, bound 64");
        assertThat(v.line()).contains("NOT FLAT (file descriptors grew 840");
    }

    @Test
    void aHeapLeakAndAThreadLeakAreNotFlat() {
        List<ResourceSample> samples = withFullGcEnds(series(20, i -> sample(i, 100 + 5 * i, 60 + 2 * i, 110, 50)));

        Flatness.Verdict v = Flatness.GENEROUS.judge(samples, 2);

        assertThat(v.heapGrowthMb()).isEqualTo(95.0);
        assertThat(v.threadDelta()).isEqualTo(28);
        assertThat(v.problems()).containsExactly("heap grew 95.0 MB, bound 64.0 MB", "threads grew 28, bound 16");
    }

    @Test
    void theHeapBoundIsAShareOfALargeBaseline() {
        // 95 MB on a 1,000 MB baseline is under 25%: a big live heap is allowed more slack.
        List<ResourceSample> samples = withFullGcEnds(series(20, i -> sample(i, 1000 + 5 * i, 60, 110, 50)));

        assertThat(Flatness.GENEROUS.judge(samples, 2).flat()).isTrue();
        assertThat(new Flatness(64, 5, 16, 64, 64).judge(samples, 2).problems())
                .containsExactly("heap grew 95.0 MB, bound 64.0 MB");
    }

    @Test
    void oneNoisySampleInTheSecondHalfDoesNotDecide() {
        List<ResourceSample> samples = withFullGcEnds(series(20, i -> sample(i, 100, i == 15 ? 200 : 60, 110, i == 15 ? 900 : 50)));

        Flatness.Verdict v = Flatness.GENEROUS.judge(samples, 2);

        assertThat(v.flat()).as(v.line()).isTrue();
        assertThat(v.threadDelta()).isZero();
    }

    @Test
    void withoutFullCollectionsTheLineSaysSo() {
        List<ResourceSample> samples = series(4, i -> sample(i, 100, 60, 110, 50));

        assertThat(Flatness.GENEROUS.judge(samples, 2).line()).contains("heap after last GC +0.0 MB");
    }

    @Test
    void tooFewSamplesAfterTheWarmUpCannotBeJudged() {
        List<ResourceSample> samples = series(1, i -> sample(i, 100, 60, 110, 50));

        assertThatThrownBy(() -> Flatness.GENEROUS.judge(samples, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one later sample");
        assertThat(Flatness.GENEROUS.judge(samples, 1).secondHalfSamples()).isEqualTo(1);
    }
}
