package io.sipdrill.dashboards.compare;

import java.nio.file.Path;
import java.util.List;

/**
 * What a run offers for comparison: a name, the file its numbers came from, one line describing it,
 * and its metrics. A metric the run does not have (a drill without calls has no call metrics) is
 * simply left out of {@link #metrics()}; the comparison then lists it as present in one run only.
 * {@link SummaryRun} reads a drill's summary.json, {@link CapacityRun} a capacity.json (both through {@link ComparableRuns}).
 */
public interface ComparableRun {

    /** Short, for folder names and headings: the run's report folder name. */
    String name();

    Path source();

    /** e.g. "registrar-outage on embedded, 500 handsets, 20x". */
    String description();

    List<MetricValue> metrics();
}
