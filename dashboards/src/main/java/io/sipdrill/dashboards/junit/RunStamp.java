package io.sipdrill.dashboards.junit;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * When and where the drill ran, for the suite's {@code timestamp} and {@code hostname}. The journal
 * holds drill time only, so the start is worked out from the journal file's last write (the drill's
 * end, when it is flushed and closed) less the drill's wall-clock length; a report rebuilt later from
 * the same journal therefore keeps the run's own time. The host is the one writing the report.
 */
public record RunStamp(Instant startedAt, String hostname) {

    /**
     * @param wallSeconds how long the drill played (drill time, not real-equivalent)
     */
    public static RunStamp ofJournal(Path journal, double wallSeconds) {
        Instant end;
        try {
            end = Files.getLastModifiedTime(journal).toInstant();
        } catch (IOException e) {
            end = Instant.now();
        }
        return new RunStamp(end.minus(Duration.ofMillis(Math.round(wallSeconds * 1000))), localHostname());
    }

    static String localHostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            // No resolvable name (a bare container): the CI servers only display it.
            return "localhost";
        }
    }
}
