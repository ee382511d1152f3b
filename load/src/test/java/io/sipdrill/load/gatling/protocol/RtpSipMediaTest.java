package io.sipdrill.load.gatling.protocol;

import io.sipdrill.load.rtp.RtpEngine;
import io.sipdrill.load.sip.call.Media;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The protocol's media switch: an RTP engine with the settings' loss seam, or signalling only. */
class RtpSipMediaTest {

    @Test
    void rtpOnGivesAnEngineWithTheLossSeam() {
        Media media = SipMedia.forSettings(SipCallSettings.DEFAULT.withRtp(true, 0.05));
        try {
            assertThat(media).isInstanceOf(RtpEngine.class);
            assertThat(((RtpEngine) media).lossShare()).isEqualTo(0.05);
        } finally {
            Media.closeQuietly(media);
            Media.closeQuietly(media); // idempotent
        }
    }

    @Test
    void rtpOffIsSignallingOnly() {
        Media media = SipMedia.forSettings(SipCallSettings.DEFAULT.withRtp(false, 0));
        assertThat(media).isSameAs(Media.NONE);
        Media.closeQuietly(media);
    }
}
