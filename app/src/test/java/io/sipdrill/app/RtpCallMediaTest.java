package io.sipdrill.app;

import io.sipdrill.load.rtp.RtpEngine;
import io.sipdrill.load.sip.call.Media;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RtpCallMediaTest {

    @Test
    void voicemailGetsAnRtpEngineWithoutLossWhenCallsCarryRtp() {
        Media media = CallMedia.forVoicemail(true);
        assertThat(media).isInstanceOf(RtpEngine.class);
        assertThat(((RtpEngine) media).lossShare()).isZero();
        Media.closeQuietly(media);
        assertThatThrownBy(() -> media.open(new InetSocketAddress("127.0.102.1", 5060)))
                .as("closed").isInstanceOf(IllegalStateException.class);
    }

    @Test
    void noRtpIsSignallingOnly() {
        assertThat(CallMedia.forVoicemail(false)).isSameAs(Media.NONE);
    }
}
