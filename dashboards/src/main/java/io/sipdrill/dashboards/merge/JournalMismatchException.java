package io.sipdrill.dashboards.merge;

import java.nio.file.Path;

/** Journals that are not shards of one drill: the message names the file and what differs. */
public final class JournalMismatchException extends IllegalArgumentException {

    public JournalMismatchException(Path file, String what) {
        super(file + ": " + what);
    }
}
