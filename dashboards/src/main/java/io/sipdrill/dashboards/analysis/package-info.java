/**
 * Turns journal events into the drill's measurements (ARCHITECTURE §4): population, detection,
 * failover and failback times, dark handset-seconds, latency and retransmission amplification per
 * phase, the calls (answered, voicemail, failures, setup, post-dial delay, RTP quality) and the
 * timeline, and the same drill bucketed over time for the charts; every time in real-equivalent seconds.
 */
package io.sipdrill.dashboards.analysis;
