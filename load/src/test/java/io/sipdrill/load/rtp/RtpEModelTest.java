package io.sipdrill.load.rtp;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** E-model vectors computed by hand from the G.107 formulas and the defaults in {@link EModel}. */
class RtpEModelTest {

    @Test
    void oneWayDelayIsPacketisationPlusAJitterBufferOfAtLeastOneFrame() {
        assertThat(EModel.mouthToEarMillis(0)).isEqualTo(40.0);       // 20 + max(20, 0)
        assertThat(EModel.mouthToEarMillis(10)).isEqualTo(40.0);      // 20 + max(20, 20)
        assertThat(EModel.mouthToEarMillis(15)).isEqualTo(50.0);      // 20 + max(20, 30)
    }

    @Test
    void delayImpairmentIsLinearThenSteeperBeyond177Ms() {
        assertThat(EModel.delayImpairment(0)).isZero();
        assertThat(EModel.delayImpairment(40)).isCloseTo(0.96, within(1e-9));          // 0.024 · 40
        assertThat(EModel.delayImpairment(200)).isCloseTo(7.297, within(1e-9));        // 4.8 + 0.11 · 22.7
    }

    @Test
    void effectiveEquipmentImpairmentOfG711WithPlc() {
        assertThat(EModel.effectiveEquipmentImpairment(0)).isZero();
        assertThat(EModel.effectiveEquipmentImpairment(5)).isCloseTo(95.0 * 5 / (5 + 25.1), within(1e-9)); // 15.7807
        assertThat(EModel.effectiveEquipmentImpairment(100)).isCloseTo(75.9392, within(1e-4));
    }

    @Test
    void ratingIsTheDefaultLessDelayAndLoss() {
        assertThat(EModel.rating(0, 0)).isEqualTo(93.2);
        assertThat(EModel.rating(0, 40)).isCloseTo(92.24, within(1e-9));
        assertThat(EModel.rating(5, 40)).isCloseTo(76.4593, within(1e-4));
    }

    @Test
    void ratingToMosByG107AnnexB() {
        assertThat(EModel.mos(-5)).isEqualTo(1.0);
        assertThat(EModel.mos(0)).isEqualTo(1.0);
        assertThat(EModel.mos(100)).isEqualTo(4.5);
        assertThat(EModel.mos(120)).isEqualTo(4.5);
        assertThat(EModel.mos(93.2)).isCloseTo(4.4093, within(1e-4));
        assertThat(EModel.mos(60)).isCloseTo(3.1, within(1e-9));     // 1 + 0.035 · 60, the cubic term is 0
    }

    @Test
    void aCleanLoopbackCallScoresAbove43AndFivePercentLossAbout39() {
        assertThat(EModel.mosFor(0, 0.1)).isCloseTo(4.3899, within(1e-4)).isGreaterThanOrEqualTo(4.3);
        assertThat(EModel.mosFor(5, 0.1)).isCloseTo(3.8835, within(1e-4));
        assertThat(EModel.mosFor(100, 0)).isCloseTo(1.1532, within(1e-4));
    }
}
