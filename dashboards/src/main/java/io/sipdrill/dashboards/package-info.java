/**
 * The drill report, built from the journal alone: {@link io.sipdrill.dashboards.DrillReport#write}
 * reads {@code journal.jsonl} and writes {@code summary.json}, {@code report.html} and {@code junit.xml};
 * {@link io.sipdrill.dashboards.compare.CompareReport} sets two runs' summaries side by side.
 */
package io.sipdrill.dashboards;
