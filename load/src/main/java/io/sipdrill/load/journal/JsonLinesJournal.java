package io.sipdrill.load.journal;

import com.fasterxml.jackson.databind.ObjectWriter;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Writes {@code journal.jsonl}. Callers hand events to a queue; one writer thread serialises them
 * and flushes whenever the queue runs dry (and at least every {@value #MAX_UNFLUSHED_MS} ms), so
 * the SIP event loop never waits on the disk and a killed run loses at most the last moment.
 * The drill's end line ({@link JournalEvent.DrillEnded}) is the last one written: anything handed
 * in after it (a handset's transaction, the runner's timeline sample, while a drill interrupted by
 * SIGINT is still shutting down) is dropped.
 */
public final class JsonLinesJournal implements Journal {

    /** The longest a written event waits in the buffer: a killed run loses at most this much more than what was queued. */
    public static final long MAX_UNFLUSHED_MS = 200;
    private static final JournalEvent POISON = new JournalEvent.DrillEnded(-1, "__close__");

    private final Path file;
    private final BufferedWriter out;
    private final ObjectWriter json;
    private final LinkedBlockingQueue<JournalEvent> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile IOException failure;

    public JsonLinesJournal(Path file) {
        this.file = file;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write journal " + file, e);
        }
        this.json = JournalMapper.shared().writerFor(JournalEvent.class);
        this.writer = new Thread(this::drain, "sipdrill-journal");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    public Path file() {
        return file;
    }

    @Override
    public void write(JournalEvent event) {
        queue.add(event);
    }

    @Override
    public void flush() {
        // Wait (bounded) until the writer has taken everything queued so far, then flush its buffer.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!queue.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        synchronized (out) {
            try {
                out.flush();
            } catch (IOException e) {
                failure = e;
            }
        }
    }

    @Override
    public void close() {
        queue.add(POISON);
        try {
            writer.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (out) {
            try {
                out.close();
            } catch (IOException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw new UncheckedIOException("journal " + file + " was not written completely", failure);
        }
    }

    private void drain() {
        List<JournalEvent> batch = new ArrayList<>(1024);
        boolean ended = false;
        try {
            while (true) {
                JournalEvent first = queue.poll(MAX_UNFLUSHED_MS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, 8191);
                boolean closing = false;
                synchronized (out) {
                    for (JournalEvent e : batch) {
                        if (e == POISON) {
                            closing = true;
                            break;
                        }
                        if (ended) {
                            continue; // after the end line: the drill is over
                        }
                        out.write(json.writeValueAsString(e));
                        out.write('\n');
                        ended = e instanceof JournalEvent.DrillEnded;
                    }
                    out.flush();
                }
                batch.clear();
                if (closing) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            failure = e;
        }
    }
}
