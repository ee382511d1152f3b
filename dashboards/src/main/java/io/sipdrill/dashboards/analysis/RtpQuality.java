package io.sipdrill.dashboards.analysis;

/**
 * Media quality of the calls that carried RTP ({@code calls}); calls without media add nothing,
 * so with no media at all every value is null (not measured), never 0. Loss is RFC 3550 cumulative
 * loss in percent, jitter RFC 3550 interarrival jitter in ms, MOS the E-model estimate; each as the
 * caller received it. MOS p5 is the low tail: 95% of calls sounded at least that good.
 */
public record RtpQuality(int calls, Double lossPctP95, Double lossPctMean, Double jitterMsP95,
                         Double jitterMsMean, Double mosP5, Double mosMean) {
}
