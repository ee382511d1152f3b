package io.sipdrill.app;

import io.sipdrill.load.rtp.RtpEngine;
import io.sipdrill.load.sip.call.Media;

/**
 * The media a topology's voicemail answers with: an RTP engine (no loss seam: the voicemail is
 * the far end, not the link under test) when the drill's calls carry RTP. The run owns it and
 * closes it with {@link #close} once the topology is down.
 */
final class CallMedia {

    private CallMedia() {
    }

    static Media forVoicemail(boolean rtp) {
        return rtp ? RtpEngine.start() : Media.NONE;
    }
}
