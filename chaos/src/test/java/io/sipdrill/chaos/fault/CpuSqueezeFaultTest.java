package io.sipdrill.chaos.fault;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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

/** Against the host's real cgroup CPU controller (skipped where there is none we may write). */
class CpuSqueezeFaultTest {

    /** A parent group of our own, so tests never touch the groups of a real run on this host. */
    private final String testParent = "sipdrill-test-" + UUID.randomUUID().toString().substring(0, 8);
    private final Optional<CgroupCpuController> cpu = CgroupCpuController.detect(testParent);
    private Process spinner;

    @BeforeEach
    void startSpinner() throws Exception {
        // A parent shell and a child that burns a core, like a server's main process and a busy worker.
        spinner = new ProcessBuilder("sh", "-c", "sh -c 'while :; do :; done' & wait").start();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (spinner.toHandle().descendants().count() < 1 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    @AfterEach
    void stopSpinner() throws Exception {
        spinner.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        spinner.destroyForcibly();
        spinner.waitFor(5, TimeUnit.SECONDS);
        if (cpu.isPresent()) {
            cpu.get().releaseLeftovers();
            Files.deleteIfExists(cpu.get().parent());
        }
    }

    @Test
    void aSqueezedTreeGetsItsQuotaAndGoesBackToItsCgroupOnRevert() throws Exception {
        assumeTrue(cpu.isPresent(), "no writable cgroup cpu controller here");
        CpuSqueezeFault fault = new CpuSqueezeFault("cpu-squeeze", "spinner", () -> Optional.of(spinner.toHandle()), 0.05, cpu.get());
        List<String> before = cgroupLines(spinner.pid());
        double free = cpuShare(Duration.ofMillis(600));

        fault.inject();
        Path group = fault.squeezed().orElseThrow().group();
        assertThat(group.getFileName().toString()).isEqualTo("cpu-squeeze-spinner-" + spinner.pid() + "-by" + ProcessHandle.current().pid());
        assertThat(Files.readAllLines(group.resolve("cgroup.procs"))).hasSize(2);
        double squeezed = cpuShare(Duration.ofSeconds(1));
        assertThat(fault.detail()).startsWith(cpu.get().description()).endsWith("5% (5000/100000 us)");

        fault.revert();
        fault.revert();
        double after = cpuShare(Duration.ofMillis(600));

        assertThat(squeezed).as("share of a core while squeezed to 5%% (free: %.2f)", free).isLessThan(0.12);
        assertThat(free).as("share of a core unsqueezed").isGreaterThan(squeezed * 3);
        assertThat(after).as("share of a core after revert").isGreaterThan(squeezed * 3);
        assertThat(group).doesNotExist();
        assertThat(cgroupLines(spinner.pid())).as("/proc/PID/cgroup after revert").isEqualTo(before);
        assertThat(fault.injected()).isFalse();
    }

    @Test
    void revertIsIdempotentAndSafeBeforeInject() throws Exception {
        assumeTrue(cpu.isPresent(), "no writable cgroup cpu controller here");
        CpuSqueezeFault fault = new CpuSqueezeFault("cpu-squeeze", "spinner", () -> Optional.of(spinner.toHandle()), 0.5, cpu.get());

        fault.revert();
        fault.inject();
        fault.inject();
        fault.revert();
        fault.revert();

        try (var groups = Files.list(cpu.get().parent())) {
            assertThat(groups.filter(Files::isDirectory)).isEmpty();
        }
    }

    @Test
    void injectFailsClearlyWhenTheTargetIsNotRunning() {
        assumeTrue(cpu.isPresent(), "no writable cgroup cpu controller here");
        CpuSqueezeFault fault = new CpuSqueezeFault("cpu-squeeze", "pbx-1", Optional::empty, 0.05, cpu.get());

        assertThatThrownBy(fault::inject).isInstanceOf(IllegalStateException.class).hasMessage("pbx-1 is not running; nothing to squeeze");
    }

    /** The spinner tree's CPU time over {@code window}, as a share of one core. */
    private double cpuShare(Duration window) throws InterruptedException {
        long start = treeCpuNanos();
        long wallStart = System.nanoTime();
        Thread.sleep(window.toMillis());
        return (double) (treeCpuNanos() - start) / (System.nanoTime() - wallStart);
    }

    private long treeCpuNanos() {
        return ProcessTree.pids(spinner.toHandle()).stream().map(ProcessHandle::of).flatMap(Optional::stream)
                .map(p -> p.info().totalCpuDuration().orElse(Duration.ZERO).toNanos()).mapToLong(Long::longValue).sum();
    }

    private static List<String> cgroupLines(long pid) throws Exception {
        return Files.readAllLines(Path.of("/proc", Long.toString(pid), "cgroup"));
    }
}
