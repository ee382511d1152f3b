package io.sipdrill.load.gatling.protocol;

import io.sipdrill.load.rtp.RtpEngine;
import io.sipdrill.load.sip.call.Media;

/**
 * Chooses the media for a run's calls: one {@link RtpEngine} for every handset's and the
 * carrier's legs (each leg on its own SIP address), with the settings' loss seam, or none. The
 * engine belongs to the run's {@link SipCallComponents}, which closes it.
 */
final class SipMedia {

    private SipMedia() {
    }

    static Media forSettings(SipCallSettings calls) {
        return calls.rtp() ? RtpEngine.start(calls.rtpLoss()) : Media.NONE;
    }
}
