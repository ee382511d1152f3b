/**
 * Live Prometheus metrics of a running drill, fed by the journal itself ({@link io.sipdrill.dashboards.live.LiveMetrics#tee}),
 * so the numbers a Grafana board shows during the run are the ones the report is built from afterwards.
 */
package io.sipdrill.dashboards.live;
