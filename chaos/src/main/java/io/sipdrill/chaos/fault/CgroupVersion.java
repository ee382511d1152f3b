package io.sipdrill.chaos.fault;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What differs between a cgroup v1 {@code cpu} hierarchy and the v2 unified one for a CPU
 * squeeze: which files hold the limit, how {@code /proc/PID/cgroup} names the process's group,
 * and whether the controller must be switched on for a subtree first.
 */
enum CgroupVersion {

    /** A hierarchy with the {@code cpu} controller (mounted alone or as {@code cpu,cpuacct}). */
    V1 {
        @Override
        void limit(CgroupFs fs, Path group, CpuLimit limit) throws IOException {
            // Period first: the quota is checked against it (and a parent's limits) when written.
            fs.write(group.resolve("cpu.cfs_period_us"), Long.toString(limit.periodMicros()));
            fs.write(group.resolve("cpu.cfs_quota_us"), Long.toString(limit.quotaMicros()));
        }

        @Override
        void unlimit(CgroupFs fs, Path group) throws IOException {
            fs.write(group.resolve("cpu.cfs_quota_us"), "-1");
        }

        @Override
        boolean controls(String hierarchyId, String controllers) {
            return !hierarchyId.equals("0") && List.of(controllers.split(",")).contains("cpu");
        }

        @Override
        void enable(CgroupFs fs, Path hierarchy, Path parent) throws IOException {
            fs.createGroup(parent);
        }
    },

    /** The unified hierarchy, where {@code cpu.max} holds "quota period". */
    V2 {
        @Override
        void limit(CgroupFs fs, Path group, CpuLimit limit) throws IOException {
            fs.write(group.resolve("cpu.max"), limit.cpuMax());
        }

        @Override
        void unlimit(CgroupFs fs, Path group) throws IOException {
            fs.write(group.resolve("cpu.max"), "max");
        }

        @Override
        boolean controls(String hierarchyId, String controllers) {
            return hierarchyId.equals("0") && controllers.isEmpty();
        }

        @Override
        void enable(CgroupFs fs, Path hierarchy, Path parent) throws IOException {
            // v2 hands a controller down level by level: the root must enable it for our parent,
            // our parent (which holds no processes itself) for the fault's groups.
            enableCpu(fs, hierarchy);
            fs.createGroup(parent);
            enableCpu(fs, parent);
        }

        private void enableCpu(CgroupFs fs, Path group) throws IOException {
            if (!List.of(fs.read(group.resolve("cgroup.subtree_control")).split(" ")).contains("cpu")) {
                fs.write(group.resolve("cgroup.subtree_control"), "+cpu");
            }
        }
    };

    /** Writes {@code limit} into the group's control files. */
    abstract void limit(CgroupFs fs, Path group, CpuLimit limit) throws IOException;

    /** Lifts the group's limit (before its processes leave: one moved out while throttled can stay starved). */
    abstract void unlimit(CgroupFs fs, Path group) throws IOException;

    /** True for the {@code /proc/PID/cgroup} line ({@code id:controllers:path}) of this hierarchy. */
    abstract boolean controls(String hierarchyId, String controllers);

    /** Makes sure {@code parent} exists under {@code hierarchy} and its children can be limited. */
    abstract void enable(CgroupFs fs, Path hierarchy, Path parent) throws IOException;

    /**
     * The process's group in this hierarchy from the lines of {@code /proc/PID/cgroup}, relative to
     * the hierarchy's root ({@code ""} for the root itself), or empty when no line matches.
     */
    Optional<String> groupOf(List<String> procCgroupLines) {
        for (String line : procCgroupLines) {
            String[] fields = line.split(":", 3);
            if (fields.length == 3 && controls(fields[0], fields[1])) {
                return Optional.of(fields[2].replaceFirst("^/+", ""));
            }
        }
        return Optional.empty();
    }

    /**
     * Where the CPU controller is under {@code cgroupRoot} (normally {@code /sys/fs/cgroup}):
     * a v1 hierarchy named {@code cpu} or {@code cpu,cpuacct}, else the v2 root (or the
     * {@code unified} mount of a hybrid host) whose {@code cgroup.controllers} lists {@code cpu}.
     */
    static Optional<Located> locate(Path cgroupRoot) {
        for (String name : List.of("cpu", "cpu,cpuacct", "cpuacct,cpu")) {
            Path hierarchy = cgroupRoot.resolve(name);
            if (Files.isRegularFile(hierarchy.resolve("cpu.cfs_quota_us")) && Files.isRegularFile(hierarchy.resolve("cgroup.procs"))) {
                return Optional.of(new Located(V1, hierarchy));
            }
        }
        for (Path hierarchy : List.of(cgroupRoot, cgroupRoot.resolve("unified"))) {
            try {
                Path controllers = hierarchy.resolve("cgroup.controllers");
                if (Files.isRegularFile(controllers) && List.of(Files.readString(controllers).strip().split(" ")).contains("cpu")) {
                    return Optional.of(new Located(V2, hierarchy));
                }
            } catch (IOException e) {
                // Unreadable: not one we can use.
            }
        }
        return Optional.empty();
    }

    /** A CPU controller found on this host: its version and the hierarchy's mount point. */
    record Located(CgroupVersion version, Path hierarchy) {
    }
}
