package io.sipdrill.environments.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Kamailio processes sipdrill started and nobody stops any more. A run killed with SIGKILL leaves
 * its instances running (re-parented, still holding their addresses), and a main process killed
 * from outside leaves its workers. Each instance runs with its own runtime dir ({@code -Y DIR}) and
 * {@link KamailioProcess#start()} writes the owning JVM into {@code DIR/}{@value #OWNER_FILE}, so a
 * process is recognised by its command line and its owner's liveness, never by its name alone:
 * an instance whose owner still runs (another drill) is never touched.
 */
public final class KamailioLeftovers {

    static final String OWNER_FILE = "sipdrill.owner";
    private static final Duration EXIT_WAIT = Duration.ofSeconds(5);

    private KamailioLeftovers() {
    }

    /**
     * Kills (SIGKILL) every Kamailio process whose instance's owner JVM is gone, and waits until
     * they have exited (their addresses are free then); one line per instance, saying what went.
     */
    public static List<String> killOrphans() throws InterruptedException {
        Map<Path, List<ProcessHandle>> byDir = new LinkedHashMap<>();
        ProcessHandle.allProcesses().forEach(p -> runtimeDir(p.pid())
                .filter(dir -> Files.isRegularFile(dir.resolve(OWNER_FILE)) && !ownerAlive(dir))
                .ifPresent(dir -> byDir.computeIfAbsent(dir, d -> new ArrayList<>()).add(p)));
        List<String> killed = new ArrayList<>();
        for (Map.Entry<Path, List<ProcessHandle>> e : byDir.entrySet()) {
            List<ProcessHandle> processes = e.getValue();
            kill(processes);
            killed.add("kamailio " + e.getKey().getFileName() + " (pids " + processes.stream().map(p -> Long.toString(p.pid()))
                    .reduce((a, b) -> a + ", " + b).orElse("") + ") of " + e.getKey().getParent()
                    + ", whose sipdrill (" + owner(e.getKey()) + ") is gone");
        }
        return killed;
    }

    /** The processes running with runtime dir {@code instanceDir} (an instance's main and workers, whoever their parent is now). */
    static List<ProcessHandle> of(Path instanceDir) {
        Path dir = instanceDir.toAbsolutePath().normalize();
        return ProcessHandle.allProcesses().filter(p -> runtimeDir(p.pid()).map(dir::equals).orElse(false)).toList();
    }

    /** SIGKILL to each, then waits (bounded) until all have exited. */
    static void kill(List<ProcessHandle> processes) throws InterruptedException {
        processes.forEach(ProcessHandle::destroyForcibly);
        CompletableFuture<?>[] exits = processes.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(exits).get(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // reported by the caller's address check, which names the address still taken
        }
    }

    /** Records this JVM as the owner of the instance in {@code instanceDir}: its pid and start time. */
    static void markOwner(Path instanceDir) throws IOException {
        ProcessHandle me = ProcessHandle.current();
        long started = me.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        Files.writeString(instanceDir.resolve(OWNER_FILE), me.pid() + " " + started + "\n", StandardCharsets.UTF_8);
    }

    /**
     * True unless the owner file names a process that no longer runs (or a newer process that
     * reused its pid). An unreadable file counts as alive: when in doubt, leave it alone.
     */
    static boolean ownerAlive(Path instanceDir) {
        try {
            String[] owner = Files.readString(instanceDir.resolve(OWNER_FILE)).trim().split("\\s+");
            long pid = Long.parseLong(owner[0]);
            long started = owner.length > 1 ? Long.parseLong(owner[1]) : 0;
            Optional<ProcessHandle> process = ProcessHandle.of(pid);
            if (process.isEmpty()) {
                return false;
            }
            Optional<Instant> start = process.get().info().startInstant();
            // Start instants read from /proc can differ by a clock tick; a reused pid starts much later.
            return started == 0 || start.isEmpty() || Math.abs(start.get().toEpochMilli() - started) < 1_000;
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }

    /** True when {@code instanceDir} has no owner file, or its owner is this JVM or gone. */
    static boolean ownedHereOrByNobody(Path instanceDir) {
        Path file = instanceDir.resolve(OWNER_FILE);
        if (!Files.isRegularFile(file)) {
            return true;
        }
        try {
            if (Long.parseLong(Files.readString(file).trim().split("\\s+")[0]) == ProcessHandle.current().pid()) {
                return true;
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return !ownerAlive(instanceDir);
    }

    private static String owner(Path instanceDir) {
        try {
            return "pid " + Files.readString(instanceDir.resolve(OWNER_FILE)).trim().split("\\s+")[0];
        } catch (IOException e) {
            return "owner unknown";
        }
    }

    /** The {@code -Y DIR} of a Kamailio command line, read from /proc; empty for any other process. */
    private static Optional<Path> runtimeDir(long pid) {
        byte[] raw;
        try {
            raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
        } catch (IOException | SecurityException e) {
            return Optional.empty(); // gone meanwhile, or not ours to read
        }
        String[] args = new String(raw, StandardCharsets.UTF_8).split("\0");
        Path program = args.length == 0 || args[0].isEmpty() ? null : Path.of(args[0]).getFileName();
        if (program == null || !program.toString().startsWith("kamailio")) {
            return Optional.empty();
        }
        for (int i = 1; i + 1 < args.length; i++) {
            if (args[i].equals("-Y")) {
                return Optional.of(Path.of(args[i + 1]).toAbsolutePath().normalize());
            }
        }
        return Optional.empty();
    }
}
