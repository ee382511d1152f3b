package io.sipdrill.chaos.fault.container;

import com.github.dockerjava.api.DockerClient;
import io.sipdrill.chaos.fault.Fault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.DockerClientFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each container fault against the real daemon, on a sleeping container of its own per test. */
@Tag("docker")
@ExtendWith(DockerAvailable.class)
class ContainerFaultTargetsDockerTest {

    private static final String TARGET = "pbx-1";
    private static final List<String> BUSY_LOOP = List.of("sh", "-c", "while :; do :; done");

    private DockerClient docker;
    private SleepingContainer pbx;
    private ContainerFaultTargets targets;

    @BeforeEach
    void startContainer() {
        docker = DockerClientFactory.instance().client();
        pbx = new SleepingContainer(docker, TARGET);
        targets = new ContainerFaultTargets(docker, pbx);
    }

    @AfterEach
    void removeContainer() {
        targets.revertAll();
        pbx.close();
    }

    @Test
    void cpuSqueezeSetsTheQuotaAndRevertClearsIt() throws Exception {
        assertThat(pbx.cpuQuota()).as("quota of a container started without one").isZero();
        Fault squeeze = targets.cpuSqueeze(TARGET, 0.05);

        squeeze.inject();
        squeeze.inject();
        assertThat(pbx.cpuQuota()).as("quota while squeezed").isEqualTo(5_000);
        assertThat(pbx.cpuPeriod()).as("period while squeezed").isEqualTo(100_000);
        assertThat(kernelQuota()).as("the kernel's cfs_quota_us (cgroup v1)").isIn("5000", "n/a");
        assertThat(squeeze.detail()).isEqualTo("docker update --cpu-quota 5000/100000 (5% of a core)");

        squeeze.revert();
        squeeze.revert();
        assertThat(pbx.cpuQuota()).as("quota after revert: -1, unlimited (an update cannot write 0)").isEqualTo(-1);
        assertThat(kernelQuota()).as("the kernel's cfs_quota_us after revert").isIn("-1", "n/a");
    }

    @Test
    void cpuSqueezeRevertPutsBackTheContainersOwnQuota() throws Exception {
        docker.updateContainerCmd(pbx.id()).withCpuPeriod(50_000).withCpuQuota(40_000).exec();
        Fault squeeze = targets.cpuSqueeze(TARGET, 0.005);

        squeeze.inject();
        assertThat(pbx.cpuQuota()).as("0.5% is 1 ms per 200 ms, the kernel's smallest quota").isEqualTo(1_000);
        assertThat(pbx.cpuPeriod()).isEqualTo(200_000);

        squeeze.revert();
        assertThat(pbx.cpuQuota()).as("the container's own quota").isEqualTo(40_000);
        assertThat(pbx.cpuPeriod()).as("the container's own period").isEqualTo(50_000);
    }

    @Test
    void freezePausesAndRevertUnpausesThenChecksHealth() throws Exception {
        Fault freeze = targets.freeze(TARGET);

        freeze.inject();
        freeze.inject();
        assertThat(pbx.paused()).as("paused while frozen").isTrue();
        assertThat(freeze.detail()).isEqualTo("docker pause");

        freeze.revert();
        freeze.revert();
        assertThat(pbx.paused()).as("paused after revert").isFalse();
        assertThat(pbx.running()).isTrue();
        assertThat(pbx.healthChecks()).as("a thawed container answers at once: no health check").isZero();
    }

    @Test
    void killStopsTheContainerAndRevertStartsItAgain() throws Exception {
        String firstStart = pbx.startedAt();
        Fault kill = targets.kill(TARGET);

        kill.inject();
        kill.inject();
        assertThat(pbx.running()).as("running after the kill").isFalse();
        assertThat(pbx.inspect().getState().getExitCodeLong()).as("exit code of a SIGKILLed init").isEqualTo(128 + 9);

        kill.revert();
        kill.revert();
        assertThat(pbx.running()).as("running after revert").isTrue();
        assertThat(pbx.startedAt()).as("started again").isNotEqualTo(firstStart);
        assertThat(pbx.healthChecks()).isEqualTo(1);
    }

    @Test
    void killReleasesAFreezeAndASqueezeFirst() throws Exception {
        Fault squeeze = targets.cpuSqueeze(TARGET, 0.1);
        Fault freeze = targets.freeze(TARGET);
        squeeze.inject();
        freeze.inject();
        Fault kill = targets.kill(TARGET);

        kill.inject();
        assertThat(pbx.paused()).as("paused after the kill").isFalse();
        assertThat(pbx.running()).as("running after the kill").isFalse();
        assertThat(pbx.cpuQuota()).as("quota after the kill: released, so a start does not carry it").isEqualTo(-1);
        assertThat(((ContainerFreezeFault) freeze).injected()).isFalse();
        assertThat(((ContainerCpuSqueezeFault) squeeze).injected()).isFalse();

        kill.revert();
        freeze.revert();
        squeeze.revert();
        assertThat(pbx.running()).isTrue();
        assertThat(pbx.paused()).isFalse();
    }

    @Test
    void restartReleasesAFreezeThenStartsTheContainerAgain() throws Exception {
        String firstStart = pbx.startedAt();
        Fault freeze = targets.freeze(TARGET);
        freeze.inject();

        targets.restart(TARGET);

        assertThat(pbx.startedAt()).as("StartedAt after restart").isNotEqualTo(firstStart);
        assertThat(pbx.running()).isTrue();
        assertThat(pbx.paused()).isFalse();
        assertThat(((ContainerFreezeFault) freeze).injected()).as("freeze still applied").isFalse();
        assertThat(pbx.healthChecks()).as("the restart waits until healthy, the freeze's release does not").isEqualTo(1);
    }

    @Test
    void restartCarriesNoSqueezeOver() throws Exception {
        Fault squeeze = targets.cpuSqueeze(TARGET, 0.1);
        squeeze.inject();

        targets.restart(TARGET);

        assertThat(pbx.cpuQuota()).as("quota after restart (HostConfig would have kept 10000)").isEqualTo(-1);
        assertThat(((ContainerCpuSqueezeFault) squeeze).injected()).isFalse();
    }

    @Test
    void restartUnpausesAContainerPausedByHand() throws Exception {
        docker.pauseContainerCmd(pbx.id()).exec();

        String firstStart = pbx.startedAt();
        targets.restart(TARGET);

        assertThat(pbx.startedAt()).isNotEqualTo(firstStart);
        assertThat(pbx.running()).isTrue();
        assertThat(pbx.paused()).isFalse();
    }

    @Test
    void restartOfAKilledContainerStartsItAndTheKillsRevertOnlyChecksHealth() throws Exception {
        Fault kill = targets.kill(TARGET);
        kill.inject();

        targets.restart(TARGET);
        assertThat(pbx.running()).isTrue();
        String restartedAt = pbx.startedAt();

        kill.revert();
        assertThat(pbx.startedAt()).as("the kill's revert leaves the operator's restart alone").isEqualTo(restartedAt);
        assertThat(pbx.healthChecks()).as("restart's and revert's health checks").isEqualTo(2);
    }

    @Test
    void stressBurnsCpuInsideAndRevertLeavesNoBurner() throws Exception {
        double idle = pbx.cpuUse().cores();
        ContainerStressFault stress = (ContainerStressFault) targets.stress(TARGET, BUSY_LOOP);

        stress.inject();
        stress.inject();
        SleepingContainer.CpuUse burning = pbx.cpuUse();
        assertThat(pbx.processes()).as("processes while stressed").contains("sh -c while :; do :; done");
        // A whole core on an idle machine; less when other work shares its two cores.
        assertThat(burning.cores()).as("cores used by the busy loop (idle: %.3f)", idle).isGreaterThan(Math.max(0.2, 10 * idle));

        // The squeeze bites what runs in the container, the burner included.
        Fault squeeze = targets.cpuSqueeze(TARGET, 0.2);
        squeeze.inject();
        SleepingContainer.CpuUse squeezed = pbx.cpuUse();
        assertThat(squeezed.cores()).as("cores used under a 20% quota").isLessThan(0.3);
        assertThat(squeezed.throttledPeriods()).as("CFS periods throttled").isGreaterThan(burning.throttledPeriods());
        squeeze.revert();

        stress.revert();
        stress.revert();
        assertThat(pbx.processes()).as("processes after revert").noneMatch(cmd -> cmd.contains("while :"));
        assertThat(pbx.cpuUse().cores()).as("cores used after revert").isLessThan(0.1);
        assertThat(stress.injected()).isFalse();
    }

    @Test
    void stressRevertsUnderATightSqueezeAndLeavesTheSqueezeOn() throws Exception {
        // The drill's cpu-squeeze 5% and cpu-burn on one PBX, the burn reverted first (newest first):
        // four busy loops take the quota the reaper, which runs inside the container, would need.
        List<String> forking = List.of("sh", "-c", "(while :; do :; done) & (while :; do :; done) & "
                + "(while :; do :; done) & (while :; do :; done) & wait");
        Fault squeeze = targets.cpuSqueeze(TARGET, 0.02);
        squeeze.inject();
        Fault stress = targets.stress(TARGET, forking);
        stress.inject();
        long quota = pbx.inspect().getHostConfig().getCpuQuota();

        long started = System.nanoTime();
        stress.revert();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("revert time").isLessThan(Duration.ofSeconds(5));
        assertThat(pbx.processes()).as("processes after revert").noneMatch(cmd -> cmd.contains("while :"));
        assertThat(pbx.inspect().getHostConfig().getCpuQuota()).as("the squeeze's quota, put back").isEqualTo(quota);
        squeeze.revert();
    }

    @Test
    void stressRevertKillsTheBurnersChildrenToo() throws Exception {
        // A parent that waits on two busy children, as stress-ng waits on its workers.
        List<String> forking = List.of("sh", "-c", "(while :; do :; done) & (while :; do :; done) & wait");
        Fault stress = targets.stress(TARGET, forking);

        stress.inject();
        assertThat(pbx.processes()).as("processes while stressed").hasSizeGreaterThanOrEqualTo(5);

        stress.revert();
        assertThat(pbx.processes()).as("processes after revert: docker-init and sleep").hasSize(2)
                .anyMatch(cmd -> cmd.startsWith("sleep infinity"));
    }

    @Test
    void stressWithACommandTheImageLacksFailsClearlyAtInject() {
        Fault stress = targets.stress(TARGET, 1, 50);

        assertThatThrownBy(stress::inject)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("docker exec stress-ng --cpu 1 --cpu-load 50 --timeout 7200s of pbx-1 (container "
                        + TargetContainer.shortId(pbx.id()) + ") failed: ")
                .hasMessageContaining("\"stress-ng\": executable file not found")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aBurnerThatExitsAtOnceFailsTheInjectAndLeavesNothingBehind() throws Exception {
        Fault stress = targets.stress(TARGET, List.of("sh", "-c", "(while :; do :; done) & exit 3"));

        assertThatThrownBy(stress::inject).hasMessage("sh -c (while :; do :; done) & exit 3 exited at once in pbx-1 (exit code 3)");
        assertThat(pbx.processes()).as("the child it left").noneMatch(cmd -> cmd.contains("while :"));
        stress.revert();
    }

    @Test
    void stressOnAPausedContainerIsRefusedAndRevertAllUnpausesFirst() throws Exception {
        Fault stress = targets.stress(TARGET, BUSY_LOOP);
        stress.inject();
        Fault freeze = targets.freeze(TARGET);
        freeze.inject();
        assertThatThrownBy(targets.stress(TARGET, BUSY_LOOP)::inject).hasMessage("pbx-1 is paused; cannot exec a burner in it");

        targets.revertAll();
        assertThat(pbx.paused()).isFalse();
        assertThat(pbx.processes()).noneMatch(cmd -> cmd.contains("while :"));
    }

    @Test
    void dockerErrorsAreOneLineNamingTheContainer() throws Exception {
        Fault freeze = targets.freeze(TARGET);
        docker.pauseContainerCmd(pbx.id()).exec();

        assertThatThrownBy(freeze::inject).hasMessage("pbx-1 is already paused (not by this fault)");
        docker.unpauseContainerCmd(pbx.id()).exec();
        docker.stopContainerCmd(pbx.id()).withTimeout(1).exec();

        assertThatThrownBy(targets.kill(TARGET)::inject).hasMessage("pbx-1 is not running; nothing to kill");
        docker.removeContainerCmd(pbx.id()).withForce(true).exec();
        assertThatThrownBy(() -> targets.restart(TARGET))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageMatching("docker restart of pbx-1 \\(container [0-9a-f]{12}\\) failed: No such container: [0-9a-f]+ \\(HTTP 404\\)");
    }

    /** The cgroup v1 quota file of the test container, {@code n/a} on another layout (v2, systemd driver). */
    private String kernelQuota() throws Exception {
        Path file = Path.of("/sys/fs/cgroup/cpu/docker", pbx.id(), "cpu.cfs_quota_us");
        return Files.isReadable(file) ? Files.readString(file).strip() : "n/a";
    }
}
