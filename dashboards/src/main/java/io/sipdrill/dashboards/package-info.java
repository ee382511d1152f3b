/**
 * The drill report, built from the journal alone: {@link io.sipdrill.dashboards.DrillReport#write}
 * reads {@code journal.jsonl} and writes {@code summary.json} and {@code report.html}.
 */
package io.sipdrill.dashboards;
