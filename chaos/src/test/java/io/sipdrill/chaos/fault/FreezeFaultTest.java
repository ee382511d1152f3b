package io.sipdrill.chaos.fault;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class FreezeFaultTest {

    /** A parent group of our own, so tests never touch the groups of a real run on this host. */
    private final String testParent = "sipdrill-test-" + UUID.randomUUID().toString().substring(0, 8);
    private final CgroupV1Freezer cgroupFreezer = new CgroupV1Freezer(CgroupV1Freezer.DEFAULT_HIERARCHY, testParent);
    private Process tree;

    @BeforeEach
    void startTree() throws Exception {
        // A parent with two children, like a server's main process and its workers.
        tree = new ProcessBuilder("sh", "-c", "sleep 60 & sleep 60 & wait").start();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (tree.toHandle().descendants().count() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(tree.toHandle().descendants().count()).as("children started").isEqualTo(2);
    }

    @AfterEach
    void stopTree() throws Exception {
        List<ProcessHandle> all = ProcessTree.pids(tree.toHandle()).stream()
                .map(ProcessHandle::of).flatMap(Optional::stream).toList();
        // SIGCONT first: a stopped process would not act on SIGKILL until it is scheduled.
        SignalFreezer.signal("CONT", all.stream().map(ProcessHandle::pid).toList());
        all.forEach(ProcessHandle::destroyForcibly);
        tree.waitFor(5, TimeUnit.SECONDS);
        Path parent = CgroupV1Freezer.DEFAULT_HIERARCHY.resolve(testParent);
        if (Files.isDirectory(parent)) {
            cgroupFreezer.thawLeftovers();
            Files.deleteIfExists(parent);
        }
    }

    @Test
    void signalFreezerStopsEveryProcessOfTheTreeAndResumesThem() throws Exception {
        FreezeFault fault = new FreezeFault("freeze-test", "sleepers", () -> Optional.of(tree.toHandle()), new SignalFreezer());

        fault.inject();
        assertThat(fault.frozenPids()).hasSize(3);
        assertThat(states(fault.frozenPids())).as("states while frozen").containsOnly('T');
        List<Long> pids = fault.frozenPids();

        fault.revert();
        assertThat(states(pids)).as("states after thaw").doesNotContain('T');
        assertThat(fault.detail()).isEqualTo("SIGSTOP");
    }

    @Test
    void cgroupFreezerFreezesTheGroupAndRemovesItOnThaw() throws Exception {
        assumeTrue(cgroupFreezer.usable(), "cgroup v1 freezer not writable here");
        FreezeFault fault = new FreezeFault("freeze-test", "sleepers", () -> Optional.of(tree.toHandle()), cgroupFreezer);

        fault.inject();
        Path group = onlyGroup();
        assertThat(Files.readString(group.resolve("freezer.state")).strip()).isEqualTo("FROZEN");
        assertThat(Files.readAllLines(group.resolve("cgroup.procs")))
                .containsExactlyInAnyOrderElementsOf(fault.frozenPids().stream().map(String::valueOf).toList());
        assertThat(group.getFileName().toString()).startsWith("freeze-test-" + tree.pid() + "-by");

        fault.revert();
        assertThat(group).doesNotExist();
        assertThat(tree.isAlive()).isTrue();
        assertThat(fault.detail()).isEqualTo("cgroup v1 freezer");
    }

    @Test
    void revertIsIdempotentAndSafeBeforeInject() throws Exception {
        FreezeFault fault = new FreezeFault("freeze-test", "sleepers", () -> Optional.of(tree.toHandle()), ProcessFreezer.detect());

        fault.revert();
        fault.inject();
        fault.inject();
        fault.revert();
        fault.revert();

        assertThat(fault.injected()).isFalse();
        assertThat(states(ProcessTree.pids(tree.toHandle()))).doesNotContain('T');
    }

    @Test
    void injectFailsClearlyWhenTheTargetIsNotRunning() {
        FreezeFault fault = new FreezeFault("freeze-test", "registrar", Optional::empty, new SignalFreezer());

        assertThatThrownBy(fault::inject).isInstanceOf(IllegalStateException.class).hasMessageContaining("registrar is not running");
    }

    @Test
    void thawLeftoversReleasesGroupsWhoseOwnerIsGone() throws Exception {
        assumeTrue(cgroupFreezer.usable(), "cgroup v1 freezer not writable here");
        // Simulate a killed run: a frozen group named after an owner pid that does not exist.
        Path group = CgroupV1Freezer.DEFAULT_HIERARCHY.resolve(testParent).resolve("registrar-outage-" + tree.pid() + "-by999999999");
        Files.createDirectories(group);
        for (long pid : ProcessTree.pids(tree.toHandle())) {
            Files.writeString(group.resolve("cgroup.procs"), pid + "\n");
        }
        Files.writeString(group.resolve("freezer.state"), "FROZEN\n");

        List<String> cleaned = cgroupFreezer.thawLeftovers();

        assertThat(cleaned).containsExactly(group.getFileName().toString());
        assertThat(group).doesNotExist();
        assertThat(states(ProcessTree.pids(tree.toHandle()))).doesNotContain('T', 'D');
    }

    private Path onlyGroup() throws IOException {
        try (var groups = Files.list(CgroupV1Freezer.DEFAULT_HIERARCHY.resolve(testParent))) {
            List<Path> dirs = groups.filter(Files::isDirectory).toList();
            assertThat(dirs).hasSize(1);
            return dirs.get(0);
        }
    }

    private static List<Character> states(List<Long> pids) {
        return pids.stream().map(ProcessTree::state).flatMap(Optional::stream).toList();
    }
}
