package io.sipdrill.chaos.fault;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A temp directory behaving like cgroupfs for what a squeeze does: a new group gets its control
 * files, a write to {@code cgroup.procs} moves the pid out of every other group, {@code rmdir}
 * of a group with processes or children fails as the kernel's EBUSY does.
 */
final class TempCgroupFs implements CgroupFs {

    private final Path root;
    private final CgroupVersion version;

    private TempCgroupFs(Path root, CgroupVersion version) {
        this.root = root;
        this.version = version;
    }

    /** A hierarchy root at {@code root} with its control files; every pid starts in {@code root}. */
    static TempCgroupFs hierarchy(Path root, CgroupVersion version) throws IOException {
        TempCgroupFs fs = new TempCgroupFs(root, version);
        fs.controlFiles(root);
        if (version == CgroupVersion.V2) {
            Files.writeString(root.resolve("cgroup.controllers"), "cpuset cpu io memory pids\n");
        }
        return fs;
    }

    @Override
    public void createGroup(Path group) throws IOException {
        if (Files.isDirectory(group)) {
            return;
        }
        if (!Files.isDirectory(group.getParent())) {
            createGroup(group.getParent());
        }
        Files.createDirectory(group);
        controlFiles(group);
    }

    private void controlFiles(Path group) throws IOException {
        Files.createDirectories(group);
        Files.writeString(group.resolve("cgroup.procs"), "");
        if (version == CgroupVersion.V1) {
            Files.writeString(group.resolve("cpu.cfs_period_us"), "100000\n");
            Files.writeString(group.resolve("cpu.cfs_quota_us"), "-1\n");
        } else {
            Files.writeString(group.resolve("cpu.max"), "max 100000\n");
            Files.writeString(group.resolve("cgroup.subtree_control"), "\n");
        }
    }

    @Override
    public void removeGroup(Path group) throws IOException {
        if (!Files.isDirectory(group)) {
            return;
        }
        try (Stream<Path> children = Files.list(group)) {
            if (!procs(group).isEmpty() || children.anyMatch(Files::isDirectory)) {
                throw new DirectoryNotEmptyException(group + " (EBUSY)");
            }
        }
        try (Stream<Path> files = Files.list(group)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(group);
    }

    @Override
    public List<Long> procs(Path group) throws IOException {
        Path procs = group.resolve("cgroup.procs");
        if (!Files.exists(procs)) {
            return List.of();
        }
        return Files.readAllLines(procs).stream().map(String::strip).filter(l -> !l.isEmpty()).map(Long::parseLong).toList();
    }

    @Override
    public void move(long pid, Path group) throws IOException {
        if (!Files.isRegularFile(group.resolve("cgroup.procs"))) {
            throw new IOException("no such group " + group);
        }
        for (Path other : groups()) {
            List<Long> pids = new ArrayList<>(procs(other));
            if (pids.remove(pid)) {
                writeProcs(other, pids);
            }
        }
        List<Long> pids = new ArrayList<>(procs(group));
        pids.add(pid);
        writeProcs(group, pids);
    }

    @Override
    public void write(Path file, String value) throws IOException {
        if (!Files.exists(file)) {
            throw new IOException("no such control file " + file);
        }
        if (file.getFileName().toString().equals("cgroup.subtree_control")) {
            // "+cpu" enables; the file then lists "cpu".
            value = (read(file) + " " + value.replace("+", "")).strip();
        }
        Files.writeString(file, value + "\n");
    }

    @Override
    public String read(Path file) throws IOException {
        return Files.readString(file).strip();
    }

    /** Which group of this hierarchy {@code pid} is in, relative to the root ("" for the root). */
    String groupOf(long pid) throws IOException {
        for (Path group : groups()) {
            if (procs(group).contains(pid)) {
                return root.relativize(group).toString();
            }
        }
        return null;
    }

    /** Puts {@code pid} in {@code group} as the kernel would have before the test. */
    void place(long pid, Path group) throws IOException {
        createGroup(group);
        move(pid, group);
    }

    private List<Path> groups() throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isDirectory).filter(d -> Files.isRegularFile(d.resolve("cgroup.procs"))).toList();
        }
    }

    private static void writeProcs(Path group, List<Long> pids) throws IOException {
        StringBuilder text = new StringBuilder();
        pids.forEach(pid -> text.append(pid).append('\n'));
        Files.writeString(group.resolve("cgroup.procs"), text);
    }
}
