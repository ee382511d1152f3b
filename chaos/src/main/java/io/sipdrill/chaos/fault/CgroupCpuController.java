package io.sipdrill.chaos.fault;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Caps a process tree's CPU with CFS bandwidth control: the tree moves into a group of its own,
 * {@code <hierarchy>/sipdrill/<label>-<pid>-by<ourpid>}, whose quota is the limit; on release
 * every process goes back to the group it came from and the group is removed. Children forked
 * while squeezed are born inside the group and so are squeezed too. The owner pid in the name lets
 * {@link #releaseLeftovers()} tell the groups of a killed run from those of a live one, as the
 * freezer does.
 *
 * <pre>{@code
 * CgroupCpuController cpu = CgroupCpuController.detect().orElseThrow();
 * CgroupCpuController.Squeezed squeezed = cpu.squeeze("cpu-squeeze-pbx-1", kamailio.toHandle(), CpuLimit.of(0.05));
 * // ... pbx-1 gets 5% of a core ...
 * squeezed.release();
 * }</pre>
 */
public final class CgroupCpuController {

    public static final Path DEFAULT_CGROUP_ROOT = Path.of("/sys/fs/cgroup");
    public static final String DEFAULT_PARENT = "sipdrill";

    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(5);

    private final CgroupFs fs;
    private final CgroupVersion version;
    private final Path hierarchy;
    private final Path parent;
    private final Path proc;

    /**
     * @param proc where {@code /proc} is (tests of the path logic use a stand-in)
     */
    CgroupCpuController(CgroupFs fs, CgroupVersion version, Path hierarchy, String parentGroup, Path proc) {
        this.fs = fs;
        this.version = version;
        this.hierarchy = hierarchy;
        this.parent = hierarchy.resolve(parentGroup);
        this.proc = proc;
    }

    /** The CPU controller of this host, if there is one and we may create groups in it. */
    public static Optional<CgroupCpuController> detect() {
        return detect(DEFAULT_PARENT);
    }

    /** As {@link #detect()}, with our groups under {@code parentGroup} (tests use their own). */
    public static Optional<CgroupCpuController> detect(String parentGroup) {
        return locate(CgroupFs.KERNEL, DEFAULT_CGROUP_ROOT, parentGroup, Path.of("/proc"));
    }

    static Optional<CgroupCpuController> locate(CgroupFs fs, Path cgroupRoot, String parentGroup, Path proc) {
        return CgroupVersion.locate(cgroupRoot)
                .map(found -> new CgroupCpuController(fs, found.version(), found.hierarchy(), parentGroup, proc))
                .filter(CgroupCpuController::usable);
    }

    /** Why {@link #detect()} found nothing, for the one-line error a drill shows. */
    public static String unavailableReason() {
        return "cpu-squeeze needs a writable cgroup cpu controller (v1 " + DEFAULT_CGROUP_ROOT.resolve("cpu")
                + "/cpu.cfs_quota_us or v2 cpu.max under " + DEFAULT_CGROUP_ROOT + "); none is writable here (not root?)";
    }

    /** True when our parent group exists or can be created and its children can be limited. */
    boolean usable() {
        try {
            version.enable(fs, hierarchy, parent);
            return Files.isDirectory(parent);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** {@code cgroup v1 cpu} or {@code cgroup v2 cpu.max}. */
    public String description() {
        return version == CgroupVersion.V1 ? "cgroup v1 cpu" : "cgroup v2 cpu.max";
    }

    CgroupVersion version() {
        return version;
    }

    /** The directory that holds our groups. */
    Path parent() {
        return parent;
    }

    /**
     * Moves {@code root} and its descendants into a new group limited to {@code limit}; returns once
     * every one of them is in it.
     *
     * @param label names the group (with the root's pid and ours), e.g. {@code cpu-squeeze-pbx-1}
     */
    public Squeezed squeeze(String label, ProcessHandle root, CpuLimit limit) throws IOException, InterruptedException {
        if (!root.isAlive()) {
            throw new IOException("pid " + root.pid() + " is not running");
        }
        Path group = parent.resolve(SipdrillGroupName.of(label, root.pid(), ProcessHandle.current().pid()));
        fs.createGroup(group);
        Map<Long, Path> origins = new LinkedHashMap<>();
        try {
            version.limit(fs, group, limit);
            // Re-list until stable: a process forked by a not-yet-moved parent would stay outside.
            List<Long> pending = ProcessTree.pids(root);
            while (!pending.isEmpty()) {
                for (long pid : pending) {
                    origins.put(pid, originalGroup(pid));
                    move(pid, group);
                }
                pending = new ArrayList<>(ProcessTree.pids(root));
                pending.removeAll(origins.keySet());
            }
        } catch (IOException | RuntimeException e) {
            try {
                release(group, origins);
            } catch (IOException | RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        return new Squeezed(group, origins, limit);
    }

    /**
     * Moves the processes out of and removes every group under our parent whose owning JVM is gone:
     * a run killed while a squeeze was applied would otherwise leave its server at 2% of a core.
     *
     * @return the names of the groups cleaned up
     */
    public List<String> releaseLeftovers() throws IOException, InterruptedException {
        List<String> cleaned = new ArrayList<>();
        if (!Files.isDirectory(parent)) {
            return cleaned;
        }
        List<Path> groups = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(parent, Files::isDirectory)) {
            dirs.forEach(groups::add);
        }
        for (Path group : groups) {
            if (SipdrillGroupName.ownerAlive(group.getFileName().toString())) {
                continue;
            }
            // The original groups are unknown now; the hierarchy's root is always valid and unlimited.
            release(group, Map.of());
            cleaned.add(group.getFileName().toString());
        }
        return cleaned;
    }

    /**
     * Moves what is left in {@code group} back where it came from (anything forked meanwhile, or
     * with no known origin, to the root's origin or the hierarchy's root), then removes the group.
     */
    private void release(Path group, Map<Long, Path> origins) throws IOException, InterruptedException {
        try {
            // Unthrottled first: a task leaving a group whose quota is spent was seen to get no CPU
            // for the next 600 ms (CpuSqueezeFaultTest); lifting the quota releases it at once.
            version.unlimit(fs, group);
        } catch (IOException e) {
            // A group half made or already going: moving the processes out is what matters.
        }
        Path fallback = origins.values().stream().findFirst().orElse(hierarchy);
        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        List<Long> left = fs.procs(group);
        while (!left.isEmpty()) {
            for (long pid : left) {
                Path target = origins.getOrDefault(pid, fallback);
                // An origin removed meanwhile (its owner exited) cannot take processes back.
                move(pid, Files.isDirectory(target) ? target : hierarchy);
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("could not empty " + group + ": " + left);
            }
            Thread.sleep(1);
            left = fs.procs(group);
        }
        fs.removeGroup(group);
    }

    private void move(long pid, Path group) throws IOException {
        try {
            fs.move(pid, group);
        } catch (IOException e) {
            if (ProcessHandle.of(pid).isPresent()) {
                throw new IOException("cannot move pid " + pid + " into " + group, e);
            }
            // The process exited meanwhile: nothing to squeeze or move back.
        }
    }

    /** The process's group in this hierarchy now, from {@code /proc/PID/cgroup}; the root when unknown. */
    Path originalGroup(long pid) {
        try {
            List<String> lines = Files.readAllLines(proc.resolve(Long.toString(pid)).resolve("cgroup"));
            return version.groupOf(lines).map(hierarchy::resolve).filter(Files::isDirectory).orElse(hierarchy);
        } catch (IOException e) {
            // The root is a safe place to return to.
            return hierarchy;
        }
    }

    /** A tree this controller squeezed; {@link #release()} gives it its CPU back. */
    public final class Squeezed {

        private final Path group;
        private final Map<Long, Path> origins;
        private final CpuLimit limit;
        private boolean released;

        Squeezed(Path group, Map<Long, Path> origins, CpuLimit limit) {
            this.group = group;
            this.origins = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(origins));
            this.limit = limit;
        }

        /** The group's directory. */
        public Path group() {
            return group;
        }

        /** The pids moved in, root first, each with the group it came from. */
        public List<Long> pids() {
            return List.copyOf(origins.keySet());
        }

        /** The group {@code pid} came from. */
        public Optional<Path> originOf(long pid) {
            return Optional.ofNullable(origins.get(pid));
        }

        public CpuLimit limit() {
            return limit;
        }

        /** Moves the processes back to their groups and removes ours; idempotent. */
        public synchronized void release() throws IOException, InterruptedException {
            if (released) {
                return;
            }
            CgroupCpuController.this.release(group, origins);
            released = true;
        }
    }
}
