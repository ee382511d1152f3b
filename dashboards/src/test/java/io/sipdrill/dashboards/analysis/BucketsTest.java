package io.sipdrill.dashboards.analysis;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BucketsTest {

    @Test
    void aThirtyMinuteDrillHas180BucketsOfTenSeconds() {
        Buckets b = Buckets.covering(1800);
        assertThat(b.widthS()).isEqualTo(10);
        assertThat(b.count()).isEqualTo(180);
        assertThat(b.indexOf(630)).as("10.5 min").isEqualTo(63);
        assertThat(b.centresMin()).hasSize(180).startsWith(0.0833, 0.25).endsWith(29.9167);
    }

    @Test
    void picksTheSmallestRoundWidthThatKeepsAChartAtMost240Points() {
        assertThat(Buckets.covering(240).widthS()).isEqualTo(1);
        assertThat(Buckets.covering(241).widthS()).isEqualTo(2);
        assertThat(Buckets.covering(3600).widthS()).as("an hour").isEqualTo(15);
        assertThat(Buckets.covering(3600).count()).isEqualTo(240);
        assertThat(Buckets.covering(8 * 3600).widthS()).as("a working day").isEqualTo(120);
        assertThat(Buckets.covering(8 * 3600).count()).isEqualTo(240);
        assertThat(Buckets.covering(3600 * 1000).widthS()).as("beyond the list: whole hours").isEqualTo(18_000);
    }

    @Test
    void aShortDrillKeepsOneSecondBuckets() {
        Buckets b = Buckets.covering(30);
        assertThat(b.widthS()).isEqualTo(1);
        assertThat(b.count()).isEqualTo(30);
    }

    @Test
    void theLastBucketIsCutShortByTheDrillsEnd() {
        Buckets b = Buckets.covering(245);
        assertThat(b.widthS()).isEqualTo(2);
        assertThat(b.count()).isEqualTo(123);
        assertThat(b.spanS(0)).isEqualTo(2);
        assertThat(b.spanS(122)).isEqualTo(1);
        assertThat(b.centresMin().get(122)).as("244.5 s").isEqualTo(4.075);
    }

    @Test
    void instantsOutsideTheDrillGoToTheFirstOrLastBucket() {
        Buckets b = Buckets.covering(30);
        assertThat(b.indexOf(-1)).isZero();
        assertThat(b.indexOf(30)).as("the end line itself").isEqualTo(29);
        assertThat(b.indexOf(31)).isEqualTo(29);
    }

    @Test
    void aDrillWithoutDurationStillHasOneBucket() {
        Buckets b = Buckets.covering(0);
        assertThat(b.count()).isEqualTo(1);
        assertThat(b.spanS(0)).isEqualTo(1);
        assertThat(b.indexOf(0)).isZero();
    }
}
