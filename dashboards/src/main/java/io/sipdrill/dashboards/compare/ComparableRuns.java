package io.sipdrill.dashboards.compare;

import io.sipdrill.dashboards.summary.SummaryJson;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens what a user names as a run: a report folder, or the summary file itself. The one place that
 * knows which files hold comparable metrics, so a capacity run's file joins here.
 */
public final class ComparableRuns {

    private ComparableRuns() {
    }

    /**
     * @throws IllegalArgumentException (one line, naming the path) when there is no run there or its file is unreadable
     */
    public static ComparableRun open(Path path) {
        if (Files.isDirectory(path)) {
            Path summary = path.resolve(SummaryJson.FILE_NAME);
            if (!Files.isRegularFile(summary)) {
                throw new IllegalArgumentException(path + " holds no " + SummaryJson.FILE_NAME
                        + " (expected a sipdrill run's report folder)");
            }
            return SummaryRun.read(summary);
        }
        if (Files.isRegularFile(path)) {
            return SummaryRun.read(path);
        }
        throw new IllegalArgumentException("run " + path + " does not exist (give a report folder or its summary.json)");
    }
}
