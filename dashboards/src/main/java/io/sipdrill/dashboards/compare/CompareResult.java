package io.sipdrill.dashboards.compare;

import java.nio.file.Path;

/** What {@link CompareReport#write} produced: the comparison and where its two files went. */
public record CompareResult(RunComparison comparison, Path compareJson, Path compareHtml) {
}
