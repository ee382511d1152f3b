package io.sipdrill.load.journal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The one Jackson mapper for journal lines, and a reader that tolerates a torn last line (a killed run). */
public final class JournalMapper {

    // Tolerant both ways: a field or an event type ("ev") this version does not know is skipped,
    // so a journal written by a newer sipdrill still reads.
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.FAIL_ON_INVALID_SUBTYPE, false);

    private JournalMapper() {
    }

    public static ObjectMapper shared() {
        return MAPPER;
    }

    /**
     * Reads every complete event of a journal. A last line cut short by a kill is skipped, and so
     * is an event type this version does not know; any other unreadable line is an error naming
     * the file and line.
     */
    public static List<JournalEvent> readAll(Path file) {
        List<JournalEvent> events = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            String pendingBad = null;
            int pendingBadLine = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (pendingBad != null) {
                    throw new IllegalArgumentException(file + ":" + pendingBadLine + ": unreadable journal line: " + pendingBad);
                }
                if (line.isBlank()) {
                    continue;
                }
                try {
                    JournalEvent event = MAPPER.readValue(line, JournalEvent.class);
                    if (event != null) { // an event type this version does not know
                        events.add(event);
                    }
                } catch (IOException e) {
                    pendingBad = e.getMessage().lines().findFirst().orElse("");
                    pendingBadLine = number;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read journal " + file, e);
        }
        return events;
    }
}
