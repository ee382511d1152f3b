package io.sipdrill.load.rtp;

import io.sipdrill.load.rtp.ReceiverStatistics.Arrival;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** RFC 3550 A.1 and A.8 on hand-made arrivals: packet {@code i} is sent at {@code i · 20 ms} with timestamp {@code i · 160}. */
class RtpReceiverStatisticsTest {

    private static final long MS = 1_000_000L;
    private static final long SSRC = 0x1234_5678L;

    private final ReceiverStatistics stats = new ReceiverStatistics(8000);

    /** Packet number {@code i} (sequence {@code first + i}) arriving {@code transitMs} after it was sent. */
    private Arrival arrive(int first, int i, double transitMs) {
        return stats.onPacket((first + i) & 0xFFFF, (1000L + 160L * i) & 0xFFFF_FFFFL, SSRC,
                i * 20 * MS + (long) (transitMs * MS));
    }

    @Test
    void inOrderWithoutLoss() {
        for (int i = 0; i < 100; i++) {
            assertThat(arrive(500, i, 3)).isEqualTo(Arrival.COUNTED);
        }
        assertThat(stats.received()).isEqualTo(100);
        assertThat(stats.expected()).isEqualTo(100);
        assertThat(stats.lossPercent()).isZero();
        assertThat(stats.extendedHighestSequence()).isEqualTo(599);
        assertThat(stats.jitter()).as("constant transit").isZero();
    }

    @Test
    void lossIsExpectedMinusReceived() {
        for (int i = 0; i < 100; i++) {
            if (i % 10 != 5) { // 10 of 100 lost, none at the edges
                arrive(0, i, 1);
            }
        }
        assertThat(stats.expected()).isEqualTo(100);
        assertThat(stats.received()).isEqualTo(90);
        assertThat(stats.lost()).isEqualTo(10);
        assertThat(stats.lossPercent()).isEqualTo(10.0);
    }

    @Test
    void reorderedPacketsAreNotLost() {
        for (int i : new int[] {0, 1, 3, 2, 4, 6, 5}) {
            assertThat(arrive(0, i, 1)).isEqualTo(Arrival.COUNTED);
        }
        assertThat(stats.received()).isEqualTo(7);
        assertThat(stats.expected()).isEqualTo(7);
        assertThat(stats.lossPercent()).isZero();
        assertThat(stats.extendedHighestSequence()).isEqualTo(6);
    }

    @Test
    void aPacketOlderThanTheFirstOneSeenExtendsWhatWasExpected() {
        arrive(0, 5, 1);
        arrive(0, 4, 1);
        arrive(0, 6, 1);
        assertThat(stats.expected()).isEqualTo(3);
        assertThat(stats.received()).isEqualTo(3);
    }

    @Test
    void duplicatesAreIgnoredSoTheyCannotHideALoss() {
        assertThat(arrive(0, 0, 1)).isEqualTo(Arrival.COUNTED);
        assertThat(arrive(0, 1, 1)).isEqualTo(Arrival.COUNTED);
        assertThat(arrive(0, 1, 2)).isEqualTo(Arrival.DUPLICATE);
        assertThat(arrive(0, 0, 3)).as("an older duplicate").isEqualTo(Arrival.DUPLICATE);
        assertThat(arrive(0, 3, 1)).isEqualTo(Arrival.COUNTED); // 2 is lost
        assertThat(stats.duplicates()).isEqualTo(2);
        assertThat(stats.received()).isEqualTo(3);
        assertThat(stats.expected()).isEqualTo(4);
        assertThat(stats.lossPercent()).isEqualTo(25.0); // RFC 3550's plain count would say 0%
    }

    @Test
    void theSequenceNumberWrapsAt65535() {
        for (int i = 0; i < 20; i++) {
            arrive(65530, i, 1); // 65530 .. 65535, 0 .. 13
        }
        assertThat(stats.extendedHighestSequence()).isEqualTo(65536 + 13);
        assertThat(stats.expected()).isEqualTo(20);
        assertThat(stats.received()).isEqualTo(20);
    }

    @Test
    void reorderingAcrossTheWrapCountsEachPacketOnce() {
        for (int i : new int[] {0, 1, 3, 2, 4}) { // 65534, 65535, 1, 0, 2
            assertThat(arrive(65534, i, 1)).isEqualTo(Arrival.COUNTED);
        }
        assertThat(arrive(65534, 1, 1)).as("65535 again, after the wrap").isEqualTo(Arrival.DUPLICATE);
        assertThat(stats.extendedHighestSequence()).isEqualTo(65536 + 2);
        assertThat(stats.expected()).isEqualTo(5);
        assertThat(stats.received()).isEqualTo(5);
    }

    @Test
    void duplicateDetectionSurvivesManyWraps() {
        for (int i = 0; i < 3 * 65536 + 10; i++) {
            arrive(0, i, 1);
        }
        assertThat(arrive(0, 3 * 65536 + 9, 1)).isEqualTo(Arrival.DUPLICATE);
        assertThat(stats.expected()).isEqualTo(3 * 65536 + 10);
        assertThat(stats.lossPercent()).isZero();
    }

    @Test
    void aBigJumpCountsOnlyOnceASecondPacketConfirmsIt() {
        for (int i = 0; i < 10; i++) {
            arrive(0, i, 1);
        }
        assertThat(stats.onPacket(20000, 99999, SSRC, 300 * MS)).isEqualTo(Arrival.OUT_OF_RANGE);
        assertThat(stats.expected()).isEqualTo(10);
        assertThat(stats.onPacket(20001, 100159, SSRC, 320 * MS)).as("in sequence: a restart").isEqualTo(Arrival.COUNTED);
        assertThat(stats.onPacket(20002, 100319, SSRC, 340 * MS)).isEqualTo(Arrival.COUNTED);
        assertThat(stats.expected()).isEqualTo(12);
        assertThat(stats.received()).isEqualTo(12);
        assertThat(stats.outOfRange()).isEqualTo(1);
    }

    @Test
    void anotherSsrcIsIgnored() {
        arrive(0, 0, 1);
        assertThat(stats.onPacket(1, 160, SSRC + 1, 20 * MS)).isEqualTo(Arrival.OTHER_SOURCE);
        arrive(0, 1, 1);
        assertThat(stats.otherSource()).isEqualTo(1);
        assertThat(stats.received()).isEqualTo(2);
        assertThat(stats.expected()).isEqualTo(2);
    }

    @Test
    void jitterFollowsA8ForAnAlternatingTransitDelay() {
        // Transit alternates 0 and 2 ms: |D| = 2 ms = 16 timestamp units between every pair.
        arrive(0, 0, 0);
        arrive(0, 1, 2);
        assertThat(stats.jitter()).isCloseTo(1.0, within(1e-9));           // 0 + (16 − 0) / 16
        arrive(0, 2, 0);
        assertThat(stats.jitter()).isCloseTo(1.9375, within(1e-9));        // 1 + (16 − 1) / 16
        for (int i = 3; i < 500; i++) {
            arrive(0, i, i % 2 == 0 ? 0 : 2);
        }
        assertThat(stats.jitter()).isCloseTo(16.0, within(1e-6));          // converges on |D|
        assertThat(stats.jitterMillis()).isCloseTo(2.0, within(1e-6));
    }

    @Test
    void jitterIsZeroForAConstantTransitDelayAcrossATimestampWrap() {
        long ts = 0xFFFF_FFFFL - 320;
        for (int i = 0; i < 10; i++) {
            stats.onPacket(i, (ts + 160L * i) & 0xFFFF_FFFFL, SSRC, 50 * MS + i * 20 * MS);
        }
        assertThat(stats.jitter()).isZero();
    }

    @Test
    void nothingReceivedMeansNoLossYet() {
        assertThat(stats.expected()).isZero();
        assertThat(stats.lossPercent()).isZero();
    }
}
