package io.sipdrill.chaos.fault;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The few cgroup filesystem operations a CPU squeeze needs. The kernel gives them meaning a plain
 * directory does not have (a write to {@code cgroup.procs} moves a process out of its old group,
 * {@code rmdir} removes a group with its control files), so tests swap in a stand-in that
 * emulates them on a temp directory and the squeeze logic runs anywhere.
 */
interface CgroupFs {

    /** The kernel's cgroup filesystem. */
    CgroupFs KERNEL = new Kernel();

    /** Creates the group (and missing parents); the kernel fills in its control files. */
    void createGroup(Path group) throws IOException;

    /** Removes an empty group; a no-op when it is already gone. */
    void removeGroup(Path group) throws IOException;

    /** The pids in the group now, empty when the group is gone. */
    List<Long> procs(Path group) throws IOException;

    /** Moves one process (all its threads) into {@code group}. */
    void move(long pid, Path group) throws IOException;

    /** Writes one control file, e.g. {@code cpu.cfs_quota_us}. */
    void write(Path file, String value) throws IOException;

    /** Reads one control file, stripped. */
    String read(Path file) throws IOException;

    /** The real thing: plain file operations on cgroupfs. */
    final class Kernel implements CgroupFs {

        @Override
        public void createGroup(Path group) throws IOException {
            Files.createDirectories(group);
        }

        @Override
        public void removeGroup(Path group) throws IOException {
            // rmdir(2): cgroupfs removes the control files with the directory.
            Files.deleteIfExists(group);
        }

        @Override
        public List<Long> procs(Path group) throws IOException {
            try {
                return Files.readAllLines(group.resolve("cgroup.procs")).stream()
                        .map(String::strip).filter(line -> !line.isEmpty()).map(Long::parseLong).toList();
            } catch (NoSuchFileException gone) {
                return List.of();
            }
        }

        @Override
        public void move(long pid, Path group) throws IOException {
            // One write per pid: the kernel takes exactly one pid per write(2).
            Files.writeString(group.resolve("cgroup.procs"), pid + "\n", StandardOpenOption.WRITE);
        }

        @Override
        public void write(Path file, String value) throws IOException {
            Files.writeString(file, value + "\n", StandardOpenOption.WRITE);
        }

        @Override
        public String read(Path file) throws IOException {
            return Files.readString(file).strip();
        }
    }
}
