package io.sipdrill.chaos.fault;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The squeeze's path and value logic against a temp directory standing in for cgroupfs and
 * {@code /proc}, so it runs on any machine; a real process tree supplies the pids.
 */
class CgroupCpuControllerTest {

    @TempDir
    Path tmp;
    private Process tree;

    @BeforeEach
    void startTree() throws Exception {
        tree = new ProcessBuilder("sh", "-c", "sleep 60 & sleep 60 & wait").start();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (tree.toHandle().descendants().count() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(tree.toHandle().descendants().count()).as("children started").isEqualTo(2);
    }

    @AfterEach
    void stopTree() throws Exception {
        tree.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        tree.destroyForcibly();
        tree.waitFor(5, TimeUnit.SECONDS);
    }

    @Test
    void v1MovesTheTreeIntoItsOwnLimitedGroupAndBackToWhereEachProcessCameFrom() throws Exception {
        Path cpu = tmp.resolve("sys/fs/cgroup/cpu");
        TempCgroupFs fs = TempCgroupFs.hierarchy(cpu, CgroupVersion.V1);
        Path proc = procStandIn("4:cpuset:/\n3:cpuacct:/elsewhere\n2:cpu:/jvm\n0::/\n");
        ProcessTree.pids(tree.toHandle()).forEach(pid -> place(fs, pid, cpu.resolve("jvm")));
        CgroupCpuController controller = CgroupCpuController.locate(fs, tmp.resolve("sys/fs/cgroup"), "sipdrill", proc).orElseThrow();
        assertThat(controller.version()).isEqualTo(CgroupVersion.V1);
        assertThat(controller.description()).isEqualTo("cgroup v1 cpu");

        CgroupCpuController.Squeezed squeezed = controller.squeeze("cpu-squeeze-pbx-1", tree.toHandle(), CpuLimit.of(0.02));

        Path group = cpu.resolve("sipdrill/cpu-squeeze-pbx-1-" + tree.pid() + "-by" + ProcessHandle.current().pid());
        assertThat(squeezed.group()).isEqualTo(group);
        assertThat(Files.readString(group.resolve("cpu.cfs_period_us")).strip()).isEqualTo("100000");
        assertThat(Files.readString(group.resolve("cpu.cfs_quota_us")).strip()).isEqualTo("2000");
        assertThat(fs.procs(group)).containsExactlyInAnyOrderElementsOf(ProcessTree.pids(tree.toHandle()));
        assertThat(squeezed.pids()).first().isEqualTo(tree.pid());
        assertThat(squeezed.originOf(tree.pid())).hasValue(cpu.resolve("jvm"));

        squeezed.release();
        squeezed.release();

        assertThat(group).doesNotExist();
        assertThat(fs.procs(cpu.resolve("jvm"))).containsExactlyInAnyOrderElementsOf(ProcessTree.pids(tree.toHandle()));
        assertThat(cpu.resolve("sipdrill")).as("the parent stays for the next fault").isDirectory();
    }

    @Test
    void v2WritesCpuMaxAndEnablesTheControllerDownToOurGroups() throws Exception {
        Path root = tmp.resolve("sys/fs/cgroup");
        TempCgroupFs fs = TempCgroupFs.hierarchy(root, CgroupVersion.V2);
        Path proc = procStandIn("0::/user.slice/session\n");
        ProcessTree.pids(tree.toHandle()).forEach(pid -> place(fs, pid, root.resolve("user.slice/session")));
        CgroupCpuController controller = CgroupCpuController.locate(fs, root, "sipdrill", proc).orElseThrow();
        assertThat(controller.description()).isEqualTo("cgroup v2 cpu.max");
        assertThat(Files.readString(root.resolve("cgroup.subtree_control")).strip()).isEqualTo("cpu");
        assertThat(Files.readString(root.resolve("sipdrill/cgroup.subtree_control")).strip()).isEqualTo("cpu");

        CgroupCpuController.Squeezed squeezed = controller.squeeze("cpu-squeeze-registrar", tree.toHandle(), CpuLimit.of(0.005));

        assertThat(Files.readString(squeezed.group().resolve("cpu.max")).strip()).isEqualTo("1000 200000");
        assertThat(fs.groupOf(tree.pid())).isEqualTo(root.relativize(squeezed.group()).toString());

        squeezed.release();

        assertThat(squeezed.group()).doesNotExist();
        assertThat(fs.groupOf(tree.pid())).isEqualTo("user.slice/session");
    }

    @Test
    void aProcessWhoseOriginalGroupVanishedGoesBackToTheRoot() throws Exception {
        Path cpu = tmp.resolve("sys/fs/cgroup/cpu");
        TempCgroupFs fs = TempCgroupFs.hierarchy(cpu, CgroupVersion.V1);
        Path proc = procStandIn("1:cpu:/gone-soon\n");
        ProcessTree.pids(tree.toHandle()).forEach(pid -> place(fs, pid, cpu.resolve("gone-soon")));
        CgroupCpuController controller = CgroupCpuController.locate(fs, tmp.resolve("sys/fs/cgroup"), "sipdrill", proc).orElseThrow();
        CgroupCpuController.Squeezed squeezed = controller.squeeze("cpu-squeeze-x", tree.toHandle(), CpuLimit.of(0.1));
        fs.removeGroup(cpu.resolve("gone-soon"));

        squeezed.release();

        assertThat(fs.procs(cpu)).containsAll(ProcessTree.pids(tree.toHandle()));
    }

    @Test
    void leftoversOfADeadOwnerAreReleasedToTheRootAndLiveOwnersGroupsAreKept() throws Exception {
        Path cpu = tmp.resolve("sys/fs/cgroup/cpu");
        TempCgroupFs fs = TempCgroupFs.hierarchy(cpu, CgroupVersion.V1);
        CgroupCpuController controller = CgroupCpuController.locate(fs, tmp.resolve("sys/fs/cgroup"), "sipdrill", procStandIn("1:cpu:/\n")).orElseThrow();
        Path dead = cpu.resolve("sipdrill/cpu-squeeze-registrar-" + tree.pid() + "-by999999999");
        ProcessTree.pids(tree.toHandle()).forEach(pid -> place(fs, pid, dead));
        // The owner of this one is alive (the tree's own root), so it belongs to a running drill.
        Path live = cpu.resolve("sipdrill/cpu-squeeze-backup-1-by" + tree.pid());
        fs.createGroup(live);

        List<String> cleaned = controller.releaseLeftovers();

        assertThat(cleaned).containsExactly(dead.getFileName().toString());
        assertThat(dead).doesNotExist();
        assertThat(live).isDirectory();
        assertThat(fs.procs(cpu)).containsAll(ProcessTree.pids(tree.toHandle()));
    }

    @Test
    void aFailedSqueezeLeavesNoGroupAndEveryProcessWhereItWas() throws Exception {
        Path cpu = tmp.resolve("sys/fs/cgroup/cpu");
        TempCgroupFs fs = TempCgroupFs.hierarchy(cpu, CgroupVersion.V1);
        CgroupCpuController controller = CgroupCpuController.locate(fs, tmp.resolve("sys/fs/cgroup"), "sipdrill", procStandIn("1:cpu:/\n")).orElseThrow();
        ProcessTree.pids(tree.toHandle()).forEach(pid -> place(fs, pid, cpu));
        CgroupFs refusingQuota = new CgroupFs() {
            @Override public void createGroup(Path group) throws IOException { fs.createGroup(group); }
            @Override public void removeGroup(Path group) throws IOException { fs.removeGroup(group); }
            @Override public List<Long> procs(Path group) throws IOException { return fs.procs(group); }
            @Override public void move(long pid, Path group) throws IOException { fs.move(pid, group); }
            @Override public String read(Path file) throws IOException { return fs.read(file); }
            @Override public void write(Path file, String value) throws IOException {
                throw new IOException("Invalid argument: " + file.getFileName());
            }
        };
        CgroupCpuController failing = new CgroupCpuController(refusingQuota, CgroupVersion.V1, cpu, "sipdrill", tmp);

        assertThatThrownBy(() -> failing.squeeze("cpu-squeeze-x", tree.toHandle(), CpuLimit.of(0.1)))
                .hasMessageContaining("cpu.cfs_period_us");
        try (var groups = Files.list(cpu.resolve("sipdrill"))) {
            assertThat(groups.filter(Files::isDirectory)).isEmpty();
        }
        assertThat(fs.procs(cpu)).containsExactlyInAnyOrderElementsOf(ProcessTree.pids(tree.toHandle()));
        assertThat(controller.parent()).isDirectory();
    }

    @Test
    void findsNoControllerWhereThereIsNone() throws Exception {
        Files.createDirectories(tmp.resolve("sys/fs/cgroup/freezer"));
        Files.writeString(tmp.resolve("sys/fs/cgroup/unified-not-really"), "");

        assertThat(CgroupCpuController.locate(CgroupFs.KERNEL, tmp.resolve("sys/fs/cgroup"), "sipdrill", tmp)).isEmpty();
        assertThat(CgroupCpuController.unavailableReason()).contains("cpu.cfs_quota_us").contains("cpu.max");
    }

    @Test
    void procCgroupLinesAreMatchedByControllerNotByPrefix() {
        List<String> hybrid = List.of("4:cpuset:/a", "3:cpuacct:/b", "2:cpu:/c/d", "0::/e");

        assertThat(CgroupVersion.V1.groupOf(hybrid)).hasValue("c/d");
        assertThat(CgroupVersion.V2.groupOf(hybrid)).hasValue("e");
        assertThat(CgroupVersion.V1.groupOf(List.of("1:cpu,cpuacct:/"))).hasValue("");
        assertThat(CgroupVersion.V1.groupOf(List.of("0::/"))).isEmpty();
    }

    /** {@code /proc/PID/cgroup} with {@code content} for every process of the tree. */
    private Path procStandIn(String content) throws IOException {
        Path proc = tmp.resolve("proc");
        for (long pid : ProcessTree.pids(tree.toHandle())) {
            Files.createDirectories(proc.resolve(Long.toString(pid)));
            Files.writeString(proc.resolve(Long.toString(pid)).resolve("cgroup"), content);
        }
        return proc;
    }

    private static void place(TempCgroupFs fs, long pid, Path group) {
        try {
            fs.place(pid, group);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

}
