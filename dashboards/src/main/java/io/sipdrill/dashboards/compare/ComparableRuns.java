package io.sipdrill.dashboards.compare;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sipdrill.dashboards.summary.SummaryJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens what a user names as a run: a drill's report folder or its summary.json, or a capacity run's
 * folder or its capacity.json. The one place that knows which files hold comparable metrics.
 */
public final class ComparableRuns {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ComparableRuns() {
    }

    /**
     * @throws IllegalArgumentException (one line, naming the path) when there is no run there or its file is unreadable
     */
    public static ComparableRun open(Path path) {
        if (Files.isDirectory(path)) {
            Path summary = path.resolve(SummaryJson.FILE_NAME);
            if (Files.isRegularFile(summary)) {
                return SummaryRun.read(summary);
            }
            Path capacity = path.resolve(CapacityRun.FILE_NAME);
            if (Files.isRegularFile(capacity)) {
                return CapacityRun.read(capacity);
            }
            throw new IllegalArgumentException(path + " holds no " + SummaryJson.FILE_NAME + " or " + CapacityRun.FILE_NAME
                    + " (expected a sipdrill run's report folder)");
        }
        if (Files.isRegularFile(path)) {
            // Told apart by content, not name: a renamed capacity.json still compares as one.
            JsonNode root = parse(path);
            return CapacityRun.isCapacity(root) ? CapacityRun.of(nameOf(path, CapacityRun.FILE_NAME), path, root)
                    : SummaryRun.of(nameOf(path, SummaryJson.FILE_NAME), path, root);
        }
        throw new IllegalArgumentException("run " + path + " does not exist (give a report folder, its summary.json"
                + " or a capacity.json)");
    }

    /** The file's JSON; one line naming the file when it is not JSON. Shared by the run readers. */
    static JsonNode parse(Path file) {
        try {
            return MAPPER.readTree(Files.readString(file));
        } catch (JacksonException e) {
            throw new IllegalArgumentException(file + " is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** A run's folder names it when the file has its usual name; otherwise the file's own name without .json. */
    static String nameOf(Path file, String usualName) {
        Path absolute = file.toAbsolutePath().normalize();
        Path folder = absolute.getParent();
        if (folder != null && folder.getFileName() != null && absolute.getFileName().toString().equals(usualName)) {
            return folder.getFileName().toString();
        }
        String f = absolute.getFileName().toString();
        return f.endsWith(".json") ? f.substring(0, f.length() - 5) : f;
    }
}
