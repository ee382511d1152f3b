package io.sipdrill.environments.embedded;

import io.sipdrill.load.time.ManualScheduler;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CapacityModelTest {

    private static final long MS = 1_000_000L;

    private final ManualScheduler scheduler = new ManualScheduler();
    private final List<Long> completions = new ArrayList<>();

    private CapacityModel model(int workers, int queueLimit, long serviceMillis) {
        return new CapacityModel(new CapacitySettings(workers, queueLimit, Duration.ofMillis(serviceMillis)), scheduler);
    }

    private boolean offer(CapacityModel m) {
        return m.offer(() -> completions.add(scheduler.nanoTime()));
    }

    @Test
    void lightLoadCostsOnlyServiceTime() {
        CapacityModel m = model(2, 10, 10);

        for (int i = 0; i < 5; i++) {
            offer(m);
            scheduler.advance(20, TimeUnit.MILLISECONDS);
        }

        assertThat(completions).containsExactly(10 * MS, 30 * MS, 50 * MS, 70 * MS, 90 * MS);
        assertThat(m.dropped()).isZero();
    }

    @Test
    void queueingDelayGrowsWithLoad() {
        CapacityModel m = model(2, 100, 10);

        for (int i = 0; i < 6; i++) {
            assertThat(offer(m)).isTrue();
        }
        assertThat(m.waiting()).as("two in service, four waiting").isEqualTo(4);
        scheduler.advance(1, TimeUnit.SECONDS);

        assertThat(completions).as("a burst of 6 on 2 workers finishes in 3 waves")
                .containsExactly(10 * MS, 10 * MS, 20 * MS, 20 * MS, 30 * MS, 30 * MS);
    }

    @Test
    void dropsPastTheQueueLimit() {
        CapacityModel m = model(1, 2, 10);

        assertThat(offer(m)).as("in service").isTrue();
        assertThat(offer(m)).as("waiting 1").isTrue();
        assertThat(offer(m)).as("waiting 2").isTrue();
        assertThat(offer(m)).as("queue full").isFalse();
        assertThat(m.dropped()).isEqualTo(1);

        scheduler.advance(10, TimeUnit.MILLISECONDS);
        assertThat(offer(m)).as("one waiting request went into service, freeing a slot").isTrue();
        scheduler.advance(1, TimeUnit.SECONDS);
        assertThat(completions).hasSize(4);
        assertThat(m.accepted()).isEqualTo(4);
    }

    @Test
    void factorSlowsService() {
        CapacityModel m = model(1, 10, 10);
        m.setCapacityFactor(0.1);

        offer(m);
        offer(m);
        scheduler.advance(1, TimeUnit.SECONDS);

        assertThat(completions).containsExactly(100 * MS, 200 * MS);
    }

    @Test
    void slowServerOverflowsItsQueue() {
        CapacityModel m = model(2, 50, 1);
        int offered = 0;
        int accepted = 0;
        // 1,000 requests/s against 2,000/s normal capacity: fine at factor 1, overloaded at 0.1 (200/s).
        m.setCapacityFactor(0.1);
        for (int i = 0; i < 1000; i++) {
            offered++;
            accepted += offer(m) ? 1 : 0;
            scheduler.advance(1, TimeUnit.MILLISECONDS);
        }

        assertThat(m.dropped()).as("overload ends in drops").isGreaterThan(700);
        assertThat(accepted + m.dropped()).isEqualTo(offered);
    }

    @Test
    void factorZeroDropsEverythingIncludingWorkInFlight() {
        CapacityModel m = model(1, 10, 10);
        offer(m);
        offer(m);

        m.setCapacityFactor(0);
        assertThat(offer(m)).isFalse();
        scheduler.advance(1, TimeUnit.SECONDS);

        assertThat(completions).as("a frozen server answers nothing").isEmpty();
        assertThat(m.dropped()).isEqualTo(3);

        m.setCapacityFactor(1);
        offer(m);
        scheduler.advance(1, TimeUnit.SECONDS);
        assertThat(completions).hasSize(1);
    }

    @Test
    void zeroServiceTimeRunsAtOnce() {
        CapacityModel m = model(1, 0, 0);

        offer(m);
        offer(m);
        scheduler.runPending();

        assertThat(completions).containsExactly(0L, 0L);
    }

    @Test
    void rejectsNegativeFactor() {
        assertThatThrownBy(() -> model(1, 1, 1).setCapacityFactor(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
