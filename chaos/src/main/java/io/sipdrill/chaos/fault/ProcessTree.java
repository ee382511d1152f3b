package io.sipdrill.chaos.fault;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads a process tree and per-process state from {@code /proc}. */
final class ProcessTree {

    private ProcessTree() {
    }

    /** The root (if alive) followed by its live descendants. */
    static List<Long> pids(ProcessHandle root) {
        List<Long> pids = new ArrayList<>();
        if (root.isAlive()) {
            pids.add(root.pid());
        }
        root.descendants().filter(ProcessHandle::isAlive).forEach(child -> pids.add(child.pid()));
        return pids;
    }

    /**
     * The one-letter scheduler state from {@code /proc/PID/stat} ({@code R}, {@code S}, {@code T}
     * for stopped, {@code D}, ...), or empty once the process is gone.
     */
    static Optional<Character> state(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name is in parentheses and may itself contain spaces or ')'.
            int afterName = stat.lastIndexOf(')');
            if (afterName < 0 || afterName + 2 >= stat.length()) {
                return Optional.empty();
            }
            return Optional.of(stat.charAt(afterName + 2));
        } catch (NoSuchFileException gone) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
