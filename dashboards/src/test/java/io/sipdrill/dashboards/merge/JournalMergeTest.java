package io.sipdrill.dashboards.merge;

import io.sipdrill.dashboards.analysis.DrillAnalysis;
import io.sipdrill.dashboards.analysis.DrillAnalyzer;
import io.sipdrill.load.journal.JournalEvent;
import io.sipdrill.load.journal.JournalEvent.ActionStep;
import io.sipdrill.load.journal.JournalEvent.DrillEnded;
import io.sipdrill.load.journal.JournalEvent.DrillStarted;
import io.sipdrill.load.journal.JournalEvent.HandsetState;
import io.sipdrill.load.journal.JournalEvent.Pop;
import io.sipdrill.load.journal.JournalEvent.TimelineSample;
import io.sipdrill.load.journal.JournalEvent.Transaction;
import io.sipdrill.load.journal.JournalMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two shards of a 5-handset drill (handsets 0–1 and 2–4), the second started 400 ms after the
 * first: the merge checks they belong together, shifts the second onto the first's clock and sums
 * their timelines by second.
 */
class JournalMergeTest {

    private static final long EPOCH = 1_764_000_000_000L;
    private static final Path P0 = Path.of("runs/shard0/journal.jsonl");
    private static final Path P1 = Path.of("runs/shard1/journal.jsonl");

    @Test
    void shardsMergeIntoOneDrillOnTheEarliestClock() {
        List<JournalEvent> merged = JournalMerge.merge(List.of(
                shard(P1, "calm", 20, 1, 2, 2, 3, EPOCH + 400), shard(P0, "calm", 20, 0, 2, 0, 2, EPOCH)));

        assertThat(merged.get(0)).as("the merged drill line").isEqualTo(new DrillStarted(0, "calm", "external", 5, 20,
                "127.0.220.1:5060", "127.0.220.2:5060", Map.of(), EPOCH, null, 2, null, 5));
        assertThat(merged).filteredOn(HandsetState.class::isInstance).map(e -> (HandsetState) e)
                .extracting(s -> s.h() + "@" + s.t())
                .as("every handset once; shard 1's 400 ms later").containsExactlyInAnyOrder("0@200", "1@200", "2@600", "3@600", "4@600");
        assertThat(merged).filteredOn(TimelineSample.class::isInstance)
                .as("per second: shard 0's sample at 1000/2000 ms and shard 1's at 1400/2400 ms, summed")
                .containsExactly(new TimelineSample(1000, 0, 0, 5), new TimelineSample(2000, 5, 0, 0));
        assertThat(merged).filteredOn(ActionStep.class::isInstance).as("steps from shard 0 only")
                .containsExactly(new ActionStep(100, "method", "shard 0's step", "ok"));
        assertThat(merged.get(merged.size() - 1)).isEqualTo(new DrillEnded(2900, "completed"));
        assertThat(merged).isSortedAccordingTo(java.util.Comparator.comparingLong(JournalEvent::t));

        DrillAnalysis a = DrillAnalyzer.analyze(merged);
        assertThat(a.info().handsets()).isEqualTo(5);
        assertThat(a.metrics().overall().transactions()).isEqualTo(5);
    }

    @Test
    void malformedCountsAreSummedReceiverByReceiverIntoOneLine() {
        ShardJournal s0 = shard(P0, "calm", 20, 0, 2, 0, 2, EPOCH);
        ShardJournal s1 = shard(P1, "calm", 20, 1, 2, 2, 3, EPOCH + 400);
        List<JournalEvent> e0 = new ArrayList<>(s0.events());
        e0.add(e0.size() - 1, new JournalEvent.MalformedInput(2400, Map.of("handsets", 3L, "registrar", 10L)));
        List<JournalEvent> e1 = new ArrayList<>(s1.events());
        e1.add(e1.size() - 1, new JournalEvent.MalformedInput(2400, Map.of("handsets", 4L)));

        List<JournalEvent> merged = JournalMerge.merge(List.of(ShardJournal.of(P0, e0), ShardJournal.of(P1, e1)));

        assertThat(merged).filteredOn(JournalEvent.MalformedInput.class::isInstance).as("one malformed line")
                .singleElement().isEqualTo(new JournalEvent.MalformedInput(2800, Map.of("handsets", 7L, "registrar", 10L)));
        assertThat(merged.get(merged.size() - 1)).as("the end line stays last").isInstanceOf(DrillEnded.class);
    }

    @Test
    void aSingleUnshardedJournalPassesThroughUnchanged() {
        List<JournalEvent> events = List.of(new DrillStarted(0, "calm", "embedded", 1, 20, null, null, Map.of()),
                new DrillEnded(10, "completed"));
        assertThat(JournalMerge.merge(List.of(new ShardJournal(P0, (DrillStarted) events.get(0), events)))).isSameAs(events);
    }

    @Test
    void journalsOfDifferentDrillsAreRefusedNamingTheFile() {
        assertThatThrownBy(() -> JournalMerge.merge(List.of(shard(P0, "calm", 20, 0, 2, 0, 2, EPOCH),
                shard(P1, "storm", 20, 1, 2, 2, 3, EPOCH))))
                .isInstanceOf(JournalMismatchException.class)
                .hasMessage(P1 + ": drill is storm, but calm in " + P0 + ": not shards of the same drill");
        assertThatThrownBy(() -> JournalMerge.merge(List.of(shard(P0, "calm", 20, 0, 2, 0, 2, EPOCH),
                shard(P1, "calm", 60, 1, 2, 2, 3, EPOCH))))
                .hasMessageStartingWith(P1 + ": time_scale is 60.0, but 20.0");
        assertThatThrownBy(() -> JournalMerge.merge(List.of(shard(P0, "calm", 20, 0, 2, 0, 2, EPOCH),
                shard(P1, "calm", 20, 1, 3, 2, 3, EPOCH))))
                .hasMessageStartingWith(P1 + ": shards is 3, but 2");
    }

    @Test
    void theSameShardTwiceAMissingShardOrOverlappingRangesAreRefused() {
        assertThatThrownBy(() -> JournalMerge.merge(List.of(shard(P0, "calm", 20, 0, 2, 0, 2, EPOCH),
                shard(P1, "calm", 20, 0, 2, 0, 2, EPOCH))))
                .hasMessageContaining("shard 0 again");
        assertThatThrownBy(() -> JournalMerge.merge(List.of(shard(P0, "calm", 20, 0, 3, 0, 2, EPOCH),
                shard(P1, "calm", 20, 1, 3, 2, 2, EPOCH))))
                .hasMessageContaining("missing shard(s) [2]");
        assertThatThrownBy(() -> JournalMerge.merge(List.of(shard(P0, "calm", 20, 0, 2, 0, 3, EPOCH),
                shard(P1, "calm", 20, 1, 2, 2, 3, EPOCH))))
                .hasMessage(P1 + ": shard 1 starts at handset 2, expected 3 (overlaps the shard before)");
    }

    @Test
    void anUnshardedJournalAmongShardsIsRefused() {
        List<JournalEvent> plain = List.of(new DrillStarted(0, "calm", "external", 5, 20, null, null, Map.of()));
        assertThatThrownBy(() -> JournalMerge.merge(List.of(shard(P0, "calm", 20, 0, 2, 0, 2, EPOCH),
                ShardJournal.of(P1, plain))))
                .hasMessageStartingWith(P1 + ": not a shard's journal");
    }

    @Test
    void anOldJournalStillReadsWithoutTheNewFields() throws Exception {
        String old = "{\"ev\":\"drill\",\"t\":0,\"drill\":\"d\",\"env\":\"embedded\",\"handsets\":2,\"time_scale\":20.0,"
                + "\"primary\":\"127.0.1.1:5060\",\"backup\":\"127.0.2.1:5060\",\"slo\":{}}";
        DrillStarted d = (DrillStarted) JournalMapper.shared().readValue(old, JournalEvent.class);
        assertThat(d.sharded()).isFalse();
        assertThat(d.startedAtMs()).isNull();
        String written = JournalMapper.shared().writerFor(JournalEvent.class).writeValueAsString(
                new DrillStarted(0, "d", "external", 2, 20, null, null, Map.of(), EPOCH, 1, 2, 2, 4));
        assertThat(written).contains("\"started_at_ms\":" + EPOCH, "\"shard\":1", "\"shards\":2", "\"first_handset\":2",
                "\"population\":4").doesNotContain("sharded");
    }

    /**
     * One shard's journal: its handsets register on the primary at 200 ms (one REGISTER each),
     * timeline samples at 1 s (all nowhere) and 2 s (all on the primary), the end at 2.5 s.
     */
    private static ShardJournal shard(Path file, String drill, double scale, int index, int shards, int first, int size,
                                      long startedAt) {
        List<JournalEvent> e = new ArrayList<>();
        int population = 5;
        e.add(new DrillStarted(0, drill, "external", size, scale, "127.0.220.1:5060", "127.0.220.2:5060", Map.of(),
                startedAt, index, shards, first, population));
        e.add(new ActionStep(100, "method", "shard " + index + "'s step", "ok"));
        for (int h = first; h < first + size; h++) {
            e.add(new Transaction(200, h, Pop.PRIMARY, "REGISTER", "initial", 200, "ok", 3.0, 1));
            e.add(new HandsetState(200, h, Pop.PRIMARY, "registered", 30.0, "registration"));
        }
        e.add(new TimelineSample(1000, 0, 0, size));
        e.add(new TimelineSample(2000, size, 0, 0));
        e.add(new DrillEnded(2500, "completed"));
        return ShardJournal.of(file, e);
    }
}
