package io.sipdrill.app.soak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What this JVM holds right now, read the cheap way: heap after the last collection from the memory
 * pools (no collection forced), threads from the thread bean, and file descriptors and sockets from
 * {@code /proc/self/fd} (Linux).
 */
public final class ProcessResources {

    private static final Path FDS = Path.of("/proc/self/fd");

    private ProcessResources() {
    }

    /**
     * Heap in use right after the most recent collection of each heap pool, summed. Unlike the
     * current usage it does not move with allocation between collections; it still includes old
     * objects no collection has looked at yet, so it rises slowly between concurrent cycles.
     */
    public static long heapAfterLastGcBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage after = pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
            if (after != null) {
                sum += after.getUsed();
            }
        }
        return sum;
    }

    /**
     * Heap in use after a forced full collection: the live heap. Costly (a stop-the-world
     * collection), so a soak takes it twice, at its baseline and at its end.
     */
    public static long heapAfterFullGcBytes() throws InterruptedException {
        // System.gc() is a full collection on G1 unless -XX:+ExplicitGCInvokesConcurrent; twice for finalizable leftovers.
        for (int i = 0; i < 2; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return heapAfterLastGcBytes();
    }

    public static int liveThreads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    /** Open file descriptors, and how many of them are sockets (their link reads {@code socket:[inode]}). */
    public record Descriptors(int fds, int sockets) {
    }

    public static Descriptors descriptors() {
        return descriptors(FDS);
    }

    /** The descriptors listed in {@code dir}, a {@code /proc/PID/fd} folder. */
    static Descriptors descriptors(Path dir) {
        int fds = 0;
        int sockets = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path fd : entries) {
                fds++;
                try {
                    if (Files.readSymbolicLink(fd).toString().startsWith("socket:")) {
                        sockets++;
                    }
                } catch (IOException closedMeanwhile) {
                    // closed between listing and reading it (another thread's socket): not counted
                    fds--;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        return new Descriptors(fds, sockets);
    }
}
