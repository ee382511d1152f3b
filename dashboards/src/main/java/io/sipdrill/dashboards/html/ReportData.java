package io.sipdrill.dashboards.html;

import java.util.List;

/**
 * Everything the page's script needs, written as JSON into {@code report.html}: the x range shared
 * by every chart (so they line up one above the other), the fault windows each chart shades, and
 * the charts themselves.
 */
record ReportData(String drill, double durationMin, double bucketS, List<Fault> faults, List<ChartData> charts) {

    /** A fault window in real-equivalent minutes; {@code endMin} null: never removed, shaded to the end. */
    record Fault(String label, double startMin, Double endMin) {
    }
}
