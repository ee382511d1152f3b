package io.sipdrill.dashboards;

import io.sipdrill.dashboards.analysis.DrillAnalysis;

import java.nio.file.Path;

/** What {@link DrillReport#write} produced: the analysis and where its files went. */
public record ReportResult(DrillAnalysis analysis, Path summaryJson, Path reportHtml, Path junitXml) {

    /** The CLI's exit decision: 0 when true, 1 when false. */
    public boolean sloPassed() {
        return analysis.sloPassed();
    }
}
