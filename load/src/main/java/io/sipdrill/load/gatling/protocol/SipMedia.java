package io.sipdrill.load.gatling.protocol;

import io.sipdrill.load.sip.call.Media;

/** Chooses the media for a run's calls: RTP on the handsets' addresses, or none. */
final class SipMedia {

    private SipMedia() {
    }

    static Media forSettings(SipCallSettings calls, SipSettings settings) {
        return Media.NONE; // RTP is wired in once the RTP engine lands
    }
}
