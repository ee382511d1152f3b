package io.sipdrill.load.gatling.protocol;

import io.sipdrill.load.calls.AnswerMode;
import io.sipdrill.load.calls.CallTimes;

/**
 * Calls on a {@link SipProtocol}: the handsets' phone lines answer and place calls with these
 * times; a carrier (when {@code carrier} is set) sends inbound DDI calls from that address and
 * answers outbound ones; answered calls exchange G.711 RTP unless {@code rtp} is off.
 *
 * @param carrier  the carrier's {@code host:port} (POPs recognise it by source address); null: no carrier
 * @param rtpLoss  share of outgoing RTP packets dropped on purpose (a loss seam for media tests), 0..1
 * @param answering whether the handsets' lines answer inbound calls by themselves or scenario steps do
 */
public record SipCallSettings(CallTimes times, String carrier, boolean rtp, double rtpLoss, AnswerMode answering) {

    public static final SipCallSettings DEFAULT = new SipCallSettings(CallTimes.DEFAULT, null, true, 0,
            AnswerMode.AUTOMATIC);

    public SipCallSettings {
        if (!(rtpLoss >= 0 && rtpLoss <= 1)) {
            throw new io.sipdrill.load.gatling.SipConfigurationException("rtpLoss must be between 0 and 1: " + rtpLoss);
        }
        if (carrier != null) {
            SipSettings.hostAndPort("carrier", carrier);
        }
        java.util.Objects.requireNonNull(answering, "answering");
    }

    public SipCallSettings withTimes(CallTimes t) {
        return new SipCallSettings(t, carrier, rtp, rtpLoss, answering);
    }

    public SipCallSettings withCarrier(String hostPort) {
        return new SipCallSettings(times, hostPort, rtp, rtpLoss, answering);
    }

    public SipCallSettings withRtp(boolean on, double loss) {
        return new SipCallSettings(times, carrier, on, loss, answering);
    }

    public SipCallSettings withAnswering(AnswerMode mode) {
        return new SipCallSettings(times, carrier, rtp, rtpLoss, mode);
    }
}
