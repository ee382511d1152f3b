package io.sipdrill.dashboards.merge;

import io.sipdrill.load.journal.JournalEvent.TimelineSample;

import java.util.ArrayList;
import java.util.List;

/**
 * Sums the shards' per-second timelines into one. Shards sample once per drill second of their
 * own clock, so after alignment their samples fall at different milliseconds; each merged second
 * s counts, per shard, that shard's latest sample at or before s (rounded to its nearest second),
 * and 0 for a shard that has not sampled yet (it had not started: all its handsets were nowhere,
 * which its first sample will say anyway).
 */
final class TimelineSum {

    private TimelineSum() {
    }

    /** @param shards each shard's samples, already shifted onto the merged clock */
    static List<TimelineSample> bySecond(List<List<TimelineSample>> unsorted) {
        List<List<TimelineSample>> shards = unsorted.stream()
                .map(l -> l.stream().sorted(java.util.Comparator.comparingLong(TimelineSample::t)).toList()).toList();
        long last = shards.stream().flatMap(List::stream).mapToLong(s -> second(s.t())).max().orElse(-1);
        List<TimelineSample> out = new ArrayList<>();
        int[] cursor = new int[shards.size()];
        TimelineSample[] latest = new TimelineSample[shards.size()];
        for (long second = 0; second <= last; second++) {
            int primary = 0;
            int backup = 0;
            int nowhere = 0;
            boolean any = false;
            for (int i = 0; i < shards.size(); i++) {
                List<TimelineSample> samples = shards.get(i);
                while (cursor[i] < samples.size() && second(samples.get(cursor[i]).t()) <= second) {
                    latest[i] = samples.get(cursor[i]++);
                    any = true;
                }
                if (latest[i] != null) {
                    primary += latest[i].primary();
                    backup += latest[i].backup();
                    nowhere += latest[i].nowhere();
                }
            }
            if (any) { // a second in which no shard sampled adds nothing new: the report joins the points
                out.add(new TimelineSample(second * 1000, primary, backup, nowhere));
            }
        }
        return out;
    }

    private static long second(long ms) {
        return Math.round(ms / 1000.0);
    }
}
