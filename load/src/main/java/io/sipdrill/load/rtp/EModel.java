package io.sipdrill.load.rtp;

/**
 * The ITU-T G.107 E-model, simplified for G.711 on a desk phone:
 * {@code R = (R0 − Is) − Id − Ie,eff + A} with the G.107 default {@code R0 − Is = 93.2} (all other
 * parameters at their defaults), {@code Ie = 0} and {@code Bpl = 25.1} for G.711 with packet-loss
 * concealment (G.113 Appendix I), random loss ({@code BurstR = 1}) and {@code A = 0} (a wired phone
 * offers no advantage of access). R becomes MOS by the G.107 Annex B formula.
 *
 * <p>The delay impairment uses the widely used linear fit to G.107's {@code Id} for a path with
 * echo cancellation (Cole and Rosenbluth, 2001): {@code Id = 0.024·d + 0.11·(d − 177.3)·H(d − 177.3)},
 * {@code d} the one-way mouth-to-ear delay in ms. We cannot measure one-way delay (there is no RTCP
 * and the peer's clock is not ours), so {@link #mouthToEarMillis} estimates it from what a phone
 * would add: see there.
 */
public final class EModel {

    /** G.107 default basic signal-to-noise ratio less the simultaneous impairments. */
    public static final double R0_MINUS_IS = 93.2;
    /** G.711 has no equipment impairment of its own. */
    public static final double IE_G711 = 0;
    /** G.711 with packet-loss concealment (G.113 Appendix I). */
    public static final double BPL_G711_PLC = 25.1;

    /** One 20 ms frame is buffered before it is sent. */
    public static final double PACKETISATION_MS = 20;
    /** A jitter buffer never plays out sooner than one frame after arrival. */
    public static final double MIN_JITTER_BUFFER_MS = 20;
    /** Loopback: the network adds nothing we could measure. */
    public static final double NETWORK_MS = 0;

    private EModel() {
    }

    /**
     * The one-way delay estimate: packetisation (20 ms) + a jitter buffer of twice the measured
     * RFC 3550 jitter, but at least one frame (what adaptive buffers in desk phones settle on) +
     * the network's own delay, taken as 0 on loopback. The decoder and the phones' audio paths are
     * left out: they are constant and the same for every call, so they would only shift every MOS.
     */
    public static double mouthToEarMillis(double jitterMs) {
        return PACKETISATION_MS + Math.max(MIN_JITTER_BUFFER_MS, 2 * jitterMs) + NETWORK_MS;
    }

    /** The delay impairment Id for a one-way delay in ms. */
    public static double delayImpairment(double oneWayMs) {
        double id = 0.024 * oneWayMs;
        if (oneWayMs > 177.3) {
            id += 0.11 * (oneWayMs - 177.3);
        }
        return id;
    }

    /** Ie,eff for G.711 with PLC under random loss of {@code lossPercent} (G.107 §7.3 with BurstR = 1). */
    public static double effectiveEquipmentImpairment(double lossPercent) {
        return IE_G711 + (95 - IE_G711) * lossPercent / (lossPercent + BPL_G711_PLC);
    }

    /** The transmission rating R for a loss share (in percent) and a one-way delay. */
    public static double rating(double lossPercent, double oneWayMs) {
        return R0_MINUS_IS - delayImpairment(oneWayMs) - effectiveEquipmentImpairment(lossPercent);
    }

    /** G.107 Annex B: R to the estimated mean opinion score, 1.0 to 4.5. */
    public static double mos(double r) {
        if (r <= 0) {
            return 1.0;
        }
        if (r >= 100) {
            return 4.5;
        }
        return 1 + 0.035 * r + r * (r - 60) * (100 - r) * 7e-6;
    }

    /** The MOS of what a leg received: its loss and jitter through the delay estimate and the E-model. */
    public static double mosFor(double lossPercent, double jitterMs) {
        return mos(rating(lossPercent, mouthToEarMillis(jitterMs)));
    }
}
