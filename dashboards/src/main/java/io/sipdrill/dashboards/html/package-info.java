/**
 * Writes {@code report.html}: one self-contained page for people (tables, and charts drawn by the
 * inlined uPlot from inline JSON; nothing fetched, so it opens from file:// offline).
 */
package io.sipdrill.dashboards.html;
