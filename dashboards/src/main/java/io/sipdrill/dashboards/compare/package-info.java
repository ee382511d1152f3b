/**
 * Run against baseline: {@link io.sipdrill.dashboards.compare.RunComparison} sets two runs' comparable
 * metrics side by side, judges each change by its direction and a threshold, and
 * {@link io.sipdrill.dashboards.compare.CompareReport} writes compare.json and compare.html.
 */
package io.sipdrill.dashboards.compare;
