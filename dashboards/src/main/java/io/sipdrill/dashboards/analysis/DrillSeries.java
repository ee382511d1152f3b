package io.sipdrill.dashboards.analysis;

/**
 * The drill over time, bucketed for the report's charts ({@link Buckets}); a part is
 * {@link TimeSeries#NONE} when the journal has nothing for it (a registration-only drill has no
 * call series).
 *
 * @param registerRate    REGISTER transactions finished per real-equivalent minute, one series per outcome
 * @param registerLatency REGISTER latency p50 / p95 / p99 in wall ms, over the transactions that got a response
 * @param retransmissions retransmissions per real-equivalent minute (REGISTER, calls) and transmissions per REGISTER
 * @param callSetup       call setup (INVITE → 200) and post-dial delay (INVITE → 180) p50 / p95 in ms
 * @param callSuccess     answered % (handset or voicemail ÷ attempted), inbound and outbound
 * @param mos             E-model MOS p5 and median of the calls that carried media
 */
public record DrillSeries(Buckets buckets, TimeSeries registerRate, TimeSeries registerLatency,
                          TimeSeries retransmissions, TimeSeries callSetup, TimeSeries callSuccess,
                          TimeSeries mos) {
}
