package io.sipdrill.app.capacity;

import java.time.Instant;

/** What a capacity run was: where, what load, when, how each step ran; written at the top of capacity.json. */
record CapacityReportHeader(String env, String what, Instant started, double stepSeconds, SearchPlan plan) {
}
