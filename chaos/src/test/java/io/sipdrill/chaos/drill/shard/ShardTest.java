package io.sipdrill.chaos.drill.shard;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The arithmetic of {@code --shard I/N}: equal slices, the last one taking the remainder, nothing lost or doubled. */
class ShardTest {

    @Test
    void equalSlicesWithTheRemainderOnTheLastShard() {
        assertThat(Shard.parse("0/3").of(20)).isEqualTo(new HandsetRange(0, 6, 20));
        assertThat(Shard.parse("1/3").of(20)).isEqualTo(new HandsetRange(6, 6, 20));
        assertThat(Shard.parse("2/3").of(20)).as("the last takes 20 - 2*6").isEqualTo(new HandsetRange(12, 8, 20));
        assertThat(Shard.parse("1/2").of(20)).isEqualTo(new HandsetRange(10, 10, 20));
        assertThat(Shard.WHOLE.of(500)).isEqualTo(HandsetRange.all(500));
        assertThat(Shard.WHOLE.sharded()).isFalse();
    }

    @Test
    void theShardsCoverThePopulationExactlyOnce() {
        for (int population : new int[] {7, 10, 100, 1001, 100_000}) {
            for (int n = 1; n <= 7 && n <= population; n++) {
                List<Integer> covered = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    HandsetRange r = new Shard(i, n).of(population);
                    for (int h = r.first(); h < r.end(); h++) {
                        covered.add(h);
                    }
                }
                assertThat(covered).as("%d handsets in %d shards", population, n)
                        .hasSize(population).doesNotHaveDuplicates().isSorted();
            }
        }
    }

    @Test
    void badValuesSayWhatIsExpected() {
        assertThatThrownBy(() -> Shard.parse("2/2")).hasMessageContaining("I counts from 0 and must be below N, 0 to 1");
        assertThatThrownBy(() -> Shard.parse("-1/2")).hasMessageContaining("I counts from 0");
        assertThatThrownBy(() -> Shard.parse("0/0")).hasMessageContaining("N must be at least 1");
        assertThatThrownBy(() -> Shard.parse("1")).hasMessageContaining("is not I/N");
        assertThatThrownBy(() -> Shard.parse("a/b")).hasMessageContaining("whole numbers");
        assertThatThrownBy(() -> Shard.parse("1/2/3")).hasMessageContaining("is not I/N");
        assertThatThrownBy(() -> Shard.parse("3/4").of(3)).hasMessageContaining("3 handsets cannot be split into 4 shards");
    }
}
