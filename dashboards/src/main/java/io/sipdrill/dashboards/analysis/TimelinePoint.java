package io.sipdrill.dashboards.analysis;

/** Handsets per POP at one instant ({@code tS}: real-equivalent seconds since the drill started). */
public record TimelinePoint(double tS, int primary, int backup, int nowhere) {
}
