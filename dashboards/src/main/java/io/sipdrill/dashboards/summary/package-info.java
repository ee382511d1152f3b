/** Writes {@code summary.json}, the machine-readable drill result that CI and comparisons read. */
package io.sipdrill.dashboards.summary;
