/** Writes {@code report.html}: one self-contained page (inline CSS and SVG, nothing fetched) for people. */
package io.sipdrill.dashboards.html;
