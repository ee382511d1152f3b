package io.sipdrill.dashboards.merge;

import io.sipdrill.load.journal.JournalEvent;
import io.sipdrill.load.journal.JournalMapper;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes a merged journal as {@code journal.jsonl} in the report folder, never over one of the shards' own. */
public final class MergedJournalFile {

    private MergedJournalFile() {
    }

    /** @return the file written, or the report folder's journal.jsonl left alone when it is one of {@code inputs} */
    public static Path write(List<JournalEvent> events, Path outDir, List<Path> inputs) {
        Path target = outDir.resolve("journal.jsonl");
        for (Path input : inputs) {
            if (target.toAbsolutePath().normalize().equals(input.toAbsolutePath().normalize())) {
                return target; // --out is a shard's own folder: its journal stays as it ran
            }
        }
        try {
            Files.createDirectories(outDir);
            try (BufferedWriter w = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
                for (JournalEvent e : events) {
                    w.write(JournalMapper.shared().writerFor(JournalEvent.class).writeValueAsString(e));
                    w.newLine();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the merged journal " + target, e);
        }
        return target;
    }
}
