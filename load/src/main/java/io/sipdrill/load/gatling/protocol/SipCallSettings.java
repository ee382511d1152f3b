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
 * @param ddiPops  the primary and backup POP {@code host:port} the carrier's DDI calls go to; null: the
 *                 registrar and the backup the handsets use (they differ when the handsets reach the POPs
 *                 through sipdrill's fault proxy, or a POP takes trunk calls on another address)
 */
public record SipCallSettings(CallTimes times, String carrier, boolean rtp, double rtpLoss, AnswerMode answering,
                              java.util.List<String> ddiPops) {

    public static final SipCallSettings DEFAULT = new SipCallSettings(CallTimes.DEFAULT, null, true, 0,
            AnswerMode.AUTOMATIC, null);

    public SipCallSettings {
        if (!(rtpLoss >= 0 && rtpLoss <= 1)) {
            throw new io.sipdrill.load.gatling.SipConfigurationException("rtpLoss must be between 0 and 1: " + rtpLoss);
        }
        if (carrier != null) {
            SipSettings.hostAndPort("carrier", carrier);
        }
        java.util.Objects.requireNonNull(answering, "answering");
        if (ddiPops != null) {
            ddiPops = java.util.List.copyOf(ddiPops);
            if (ddiPops.size() != 2) {
                throw new io.sipdrill.load.gatling.SipConfigurationException("the carrier needs a primary and a backup POP address");
            }
            SipSettings.hostAndPort("carrier's primary POP", ddiPops.get(0));
            SipSettings.hostAndPort("carrier's backup POP", ddiPops.get(1));
        }
    }

    public SipCallSettings withTimes(CallTimes t) {
        return new SipCallSettings(t, carrier, rtp, rtpLoss, answering, ddiPops);
    }

    public SipCallSettings withCarrier(String hostPort) {
        return new SipCallSettings(times, hostPort, rtp, rtpLoss, answering, ddiPops);
    }

    public SipCallSettings withRtp(boolean on, double loss) {
        return new SipCallSettings(times, carrier, on, loss, answering, ddiPops);
    }

    public SipCallSettings withDdiPops(String primary, String backup) {
        return new SipCallSettings(times, carrier, rtp, rtpLoss, answering, java.util.List.of(primary, backup));
    }

    public SipCallSettings withAnswering(AnswerMode mode) {
        return new SipCallSettings(times, carrier, rtp, rtpLoss, mode, ddiPops);
    }
}
