package io.sipdrill.load.time;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class HashedTimerWheelTest {

    private static final long MS = 1_000_000L;

    @Test
    void runsTasksInDeadlineOrderNoEarlierThanTheirTick() {
        HashedTimerWheel wheel = new HashedTimerWheel(0, 2, TimeUnit.MILLISECONDS, 8);
        List<String> ran = new ArrayList<>();
        wheel.schedule(() -> ran.add("c"), 9 * MS);
        wheel.schedule(() -> ran.add("a"), 3 * MS);
        wheel.schedule(() -> ran.add("b"), 4 * MS);
        wheel.expire(3 * MS);
        assertThat(ran).as("3 ms rounds up to the 4 ms tick").isEmpty();
        wheel.expire(4 * MS);
        assertThat(ran).containsExactly("a", "b");
        wheel.expire(10 * MS);
        assertThat(ran).containsExactly("a", "b", "c");
        assertThat(wheel.size()).isZero();
    }

    @Test
    void timersBeyondOneRevolutionWaitForTheirRound() {
        HashedTimerWheel wheel = new HashedTimerWheel(0, 1, TimeUnit.MILLISECONDS, 4);
        List<Long> ran = new ArrayList<>();
        wheel.schedule(() -> ran.add(1L), 1 * MS);
        wheel.schedule(() -> ran.add(5L), 5 * MS);   // same bucket as 1 ms, next round
        wheel.schedule(() -> ran.add(9L), 9 * MS);   // and the round after
        wheel.expire(1 * MS);
        assertThat(ran).containsExactly(1L);
        wheel.expire(8 * MS);
        assertThat(ran).containsExactly(1L, 5L);
        wheel.expire(9 * MS);
        assertThat(ran).containsExactly(1L, 5L, 9L);
    }

    @Test
    void cancelledTimersNeverRunAndCancelReportsWhetherItWorked() {
        HashedTimerWheel wheel = new HashedTimerWheel(0, 1, TimeUnit.MILLISECONDS, 16);
        List<String> ran = new ArrayList<>();
        Scheduler.Timeout t = wheel.schedule(() -> ran.add("x"), 5 * MS);
        wheel.schedule(() -> ran.add("y"), 5 * MS);
        assertThat(t.cancel()).isTrue();
        assertThat(t.cancel()).isFalse();
        wheel.expire(5 * MS);
        assertThat(ran).containsExactly("y");
        Scheduler.Timeout done = wheel.schedule(() -> { }, 6 * MS);
        wheel.expire(6 * MS);
        assertThat(done.cancel()).as("already ran").isFalse();
    }

    @Test
    void aTaskMayScheduleIntoItsOwnBucketForALaterRound() {
        HashedTimerWheel wheel = new HashedTimerWheel(0, 1, TimeUnit.MILLISECONDS, 4);
        List<Long> ran = new ArrayList<>();
        wheel.schedule(() -> {
            ran.add(2L);
            wheel.schedule(() -> ran.add(6L), 6 * MS);
        }, 2 * MS);
        wheel.expire(2 * MS);
        assertThat(ran).containsExactly(2L);
        wheel.expire(5 * MS);
        assertThat(ran).containsExactly(2L);
        wheel.expire(6 * MS);
        assertThat(ran).containsExactly(2L, 6L);
    }

    @Test
    void aDeadlineInThePastRunsAtTheNextExpire() {
        HashedTimerWheel wheel = new HashedTimerWheel(0, 1, TimeUnit.MILLISECONDS, 4);
        wheel.expire(10 * MS);
        List<String> ran = new ArrayList<>();
        wheel.schedule(() -> ran.add("late"), 3 * MS);
        wheel.expire(11 * MS);
        assertThat(ran).containsExactly("late");
    }
}
