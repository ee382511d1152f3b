package io.sipdrill.app;

import io.sipdrill.load.sip.call.Media;

/** The media a topology's voicemail answers with: RTP when the drill's calls carry it. */
final class CallMedia {

    private CallMedia() {
    }

    static Media forVoicemail(boolean rtp) {
        return Media.NONE; // RTP is wired in once the RTP engine lands
    }
}
