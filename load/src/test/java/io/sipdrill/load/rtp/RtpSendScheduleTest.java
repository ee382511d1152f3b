package io.sipdrill.load.rtp;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Pacing on virtual nanoseconds. */
class RtpSendScheduleTest {

    private static final long MS = 1_000_000L;

    @Test
    void slotsAreCountedFromTheStartSoLateWakeupsDoNotDrift() {
        SendSchedule s = new SendSchedule(1_000 * MS);
        assertThat(s.dueNanos()).isEqualTo(1_000 * MS);
        long now = 1_000 * MS;
        for (int i = 0; i < 1000; i++) {
            now = s.dueNanos() + 900_000; // every send 0.9 ms late
            assertThat(s.isDue(now)).isTrue();
            s.advance(now);
        }
        // Had each packet been scheduled 20 ms after the previous send, 1000 late sends would be 900 ms adrift.
        assertThat(s.dueNanos()).isEqualTo(1_000 * MS + 1000 * 20 * MS);
        assertThat(s.slot()).isEqualTo(1000);
        assertThat(s.skipped()).isZero();
    }

    @Test
    void notDueBeforeItsTime() {
        SendSchedule s = new SendSchedule(0);
        s.advance(0);
        assertThat(s.isDue(19 * MS)).isFalse();
        assertThat(s.isDue(20 * MS)).isTrue();
    }

    @Test
    void aShortStallIsCaughtUpPacketByPacket() {
        SendSchedule s = new SendSchedule(0);
        long now = 90 * MS; // slots 0..4 due
        int sent = 0;
        while (s.isDue(now)) {
            assertThat(s.advance(now)).isZero();
            sent++;
        }
        assertThat(sent).isEqualTo(5);
        assertThat(s.dueNanos()).isEqualTo(100 * MS);
    }

    @Test
    void aLongStallSkipsTheMissedSlots() {
        SendSchedule s = new SendSchedule(0);
        long now = 1_010 * MS; // slot 50 is the latest due
        assertThat(s.advance(now)).as("slot 0 sent, 1..49 skipped").isEqualTo(49);
        assertThat(s.slot()).isEqualTo(50);
        assertThat(s.isDue(now)).isTrue();
        s.advance(now);
        assertThat(s.dueNanos()).isEqualTo(1_020 * MS);
        assertThat(s.skipped()).isEqualTo(49);
    }
}
