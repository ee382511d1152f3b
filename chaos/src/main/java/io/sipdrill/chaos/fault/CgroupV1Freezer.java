package io.sipdrill.chaos.fault;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Freezes through the cgroup v1 freezer: the tree is moved into
 * {@code <hierarchy>/<parent>/<name>-<pid>-by<ourpid>}, frozen with {@code FROZEN} and thawed
 * with {@code THAWED}, after which the processes go back to their original cgroup and the
 * directory is removed. The kernel freezes the group atomically and children forked later are
 * born inside it, so nothing escapes. The owner pid in the name lets {@link #thawLeftovers()}
 * tell the groups of a killed run from those of a run that is still going.
 */
public final class CgroupV1Freezer implements ProcessFreezer {

    public static final Path DEFAULT_HIERARCHY = Path.of("/sys/fs/cgroup/freezer");
    public static final String DEFAULT_PARENT = "sipdrill";

    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(5);

    private final Path hierarchy;
    private final Path parent;

    /**
     * @param hierarchy the freezer hierarchy's mount point
     * @param parentGroup the directory under it that holds our groups (tests use their own)
     */
    public CgroupV1Freezer(Path hierarchy, String parentGroup) {
        this.hierarchy = hierarchy;
        this.parent = hierarchy.resolve(parentGroup);
    }

    /** The freezer at its default mount, if it is mounted and we can create groups in it. */
    public static Optional<CgroupV1Freezer> detect() {
        CgroupV1Freezer freezer = new CgroupV1Freezer(DEFAULT_HIERARCHY, DEFAULT_PARENT);
        return freezer.usable() ? Optional.of(freezer) : Optional.empty();
    }

    /** True when the hierarchy is mounted and the parent group exists or can be created. */
    public boolean usable() {
        if (!Files.isRegularFile(hierarchy.resolve("cgroup.procs")) || !Files.isWritable(hierarchy)) {
            return false;
        }
        try {
            Files.createDirectories(parent);
            return Files.isRegularFile(parent.resolve("freezer.state"));
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public String description() {
        return "cgroup v1 freezer";
    }

    @Override
    public FrozenTree freeze(String name, ProcessHandle root) throws IOException, InterruptedException {
        if (!root.isAlive()) {
            throw new IOException("pid " + root.pid() + " is not running");
        }
        Path origin = originalGroup(root.pid());
        Path group = parent.resolve(SipdrillGroupName.of(name, root.pid(), ProcessHandle.current().pid()));
        Files.createDirectories(group);
        Set<Long> moved = new LinkedHashSet<>();
        try {
            // Re-list until stable: a process forked by a not-yet-moved parent would stay outside.
            List<Long> pending = ProcessTree.pids(root);
            while (!pending.isEmpty()) {
                for (long pid : pending) {
                    movePid(pid, group);
                    moved.add(pid);
                }
                pending = new ArrayList<>(ProcessTree.pids(root));
                pending.removeAll(moved);
            }
            setState(group, FreezerState.FROZEN);
        } catch (IOException | RuntimeException e) {
            try {
                release(group, origin);
            } catch (IOException | RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        return new CgroupFrozenTree(group, origin, List.copyOf(moved));
    }

    /**
     * Thaws and removes every group under our parent whose owning JVM is gone: a run killed while
     * a fault was applied leaves its registrar frozen, and the next run must not inherit that.
     *
     * @return the names of the groups cleaned up
     */
    public List<String> thawLeftovers() throws IOException, InterruptedException {
        List<String> cleaned = new ArrayList<>();
        if (!Files.isDirectory(parent)) {
            return cleaned;
        }
        try (DirectoryStream<Path> groups = Files.newDirectoryStream(parent, Files::isDirectory)) {
            for (Path group : groups) {
                if (SipdrillGroupName.ownerAlive(group.getFileName().toString())) {
                    continue;
                }
                setState(group, FreezerState.THAWED);
                // The original cgroup died with the owner; the hierarchy root is always valid.
                moveAll(group, hierarchy);
                Files.delete(group);
                cleaned.add(group.getFileName().toString());
            }
        }
        return cleaned;
    }

    private void release(Path group, Path origin) throws IOException, InterruptedException {
        setState(group, FreezerState.THAWED);
        moveAll(group, origin);
        Files.deleteIfExists(group);
    }

    /** Moves the group's processes to {@code target} until the group is empty (rmdir needs that). */
    private void moveAll(Path group, Path target) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        List<Long> left = procs(group);
        while (!left.isEmpty()) {
            for (long pid : left) {
                movePid(pid, target);
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("could not empty " + group + ": " + left);
            }
            left = procs(group);
        }
    }

    private static List<Long> procs(Path group) throws IOException {
        try {
            return Files.readAllLines(group.resolve("cgroup.procs")).stream()
                    .map(String::strip).filter(line -> !line.isEmpty()).map(Long::parseLong).toList();
        } catch (NoSuchFileException gone) {
            return List.of();
        }
    }

    private static void movePid(long pid, Path group) throws IOException {
        try {
            // One write per pid: the kernel takes exactly one pid per write(2).
            Files.writeString(group.resolve("cgroup.procs"), pid + "\n", StandardOpenOption.WRITE);
        } catch (IOException e) {
            if (ProcessHandle.of(pid).isPresent()) {
                throw new IOException("cannot move pid " + pid + " into " + group, e);
            }
            // The process exited meanwhile: nothing to freeze or move back.
        }
    }

    private static void setState(Path group, FreezerState wanted) throws IOException, InterruptedException {
        Path state = group.resolve("freezer.state");
        Files.writeString(state, wanted.name() + "\n", StandardOpenOption.WRITE);
        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        // FREEZING means some task has not reached the refrigerator yet; keep nudging.
        while (!Files.readString(state).strip().equals(wanted.name())) {
            if (System.nanoTime() > deadline) {
                throw new IOException(group + " did not reach " + wanted + " within " + SETTLE_TIMEOUT);
            }
            Thread.sleep(5);
            Files.writeString(state, wanted.name() + "\n", StandardOpenOption.WRITE);
        }
    }

    /** The freezer cgroup the process is in now, from {@code /proc/PID/cgroup}. */
    private Path originalGroup(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "cgroup"))) {
                String[] fields = line.split(":", 3);
                if (fields.length == 3 && List.of(fields[1].split(",")).contains("freezer")) {
                    Path group = hierarchy.resolve(fields[2].replaceFirst("^/", ""));
                    if (Files.isRegularFile(group.resolve("cgroup.procs"))) {
                        return group;
                    }
                }
            }
        } catch (IOException e) {
            // Fall through: the root is a safe place to return to.
        }
        return hierarchy;
    }

    /** Values of {@code freezer.state}. */
    enum FreezerState { FROZEN, THAWED }

    private final class CgroupFrozenTree implements FrozenTree {

        private final Path group;
        private final Path origin;
        private final List<Long> pids;
        private boolean thawed;

        CgroupFrozenTree(Path group, Path origin, List<Long> pids) {
            this.group = group;
            this.origin = origin;
            this.pids = pids;
        }

        @Override
        public List<Long> pids() {
            return pids;
        }

        /** The group's directory, e.g. for tests that read its {@code freezer.state}. */
        Path group() {
            return group;
        }

        @Override
        public synchronized void thaw() throws IOException, InterruptedException {
            if (thawed) {
                return;
            }
            if (Files.isDirectory(group)) {
                release(group, origin);
            }
            thawed = true;
        }
    }
}
