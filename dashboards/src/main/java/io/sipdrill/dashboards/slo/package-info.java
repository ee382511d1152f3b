/** Judges measured metrics against the drill's SLO bounds, one verdict per bound. */
package io.sipdrill.dashboards.slo;
