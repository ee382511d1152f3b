package io.sipdrill.dashboards.html;

import java.util.List;

/**
 * One chart as the page's script reads it from the {@code sipdrill-data} JSON block: x in
 * real-equivalent minutes, one value list per series (null: a gap). {@code yMin}/{@code yMax} pin
 * the y axis where the unit has natural bounds (0–100 %, MOS 1–5); null lets the chart fit the data.
 */
record ChartData(String id, String title, String yLabel, String yLabelRight, Double yMin, Double yMax,
                 boolean stepped, List<Double> x, List<Line> series) {

    /** {@code axis} is {@code left} or {@code right} (a second unit on the same chart). */
    record Line(String key, String label, String axis, List<Double> values) {
    }
}
