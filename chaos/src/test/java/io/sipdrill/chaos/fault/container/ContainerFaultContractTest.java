package io.sipdrill.chaos.fault.container;

import com.github.dockerjava.api.DockerClient;
import io.sipdrill.chaos.fault.Fault;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What needs no daemon: validation, reverts that were never injected, messages. */
class ContainerFaultContractTest {

    /** A client that fails the test on any call: nothing here may reach Docker. */
    private static final DockerClient NO_DOCKER = (DockerClient) Proxy.newProxyInstance(DockerClient.class.getClassLoader(),
            new Class<?>[] {DockerClient.class}, (proxy, method, args) -> {
                throw new AssertionError("unexpected Docker call " + method.getName());
            });

    private static final ContainerLookup NOT_CREATED = new ContainerLookup() {
        @Override
        public Set<String> names() {
            return new LinkedHashSet<>(List.of("registrar", "backup", "pbx-1"));
        }

        @Override
        public Optional<String> containerId(String target) {
            return Optional.empty();
        }

        @Override
        public void awaitHealthy(String target) {
            throw new AssertionError("unexpected health check");
        }
    };

    private final ContainerFaultTargets targets = new ContainerFaultTargets(NO_DOCKER, NOT_CREATED);

    @Test
    void revertWithoutInjectIsANoOp() throws Exception {
        List<Fault> faults = List.of(targets.cpuSqueeze("pbx-1", 0.05), targets.freeze("pbx-1"), targets.kill("pbx-1"),
                targets.stress("pbx-1", 2, 80));
        for (Fault fault : faults) {
            fault.revert();
            fault.revert();
        }
        targets.revertAll();
        assertThat(faults).extracting(Fault::name).containsExactly("cpu-squeeze", "freeze", "kill", "cpu-burn");
        assertThat(faults).extracting(Fault::target).containsOnly("pbx-1");
    }

    @Test
    void unknownTargetNamesTheKnownOnes() {
        assertThatThrownBy(() -> targets.freeze("pbx-9"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown target pbx-9; the docker topology has registrar, backup, pbx-1");
        assertThatThrownBy(() -> targets.restart("pbx-9")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> targets.stress("pbx-9", 1, 50)).isInstanceOf(IllegalArgumentException.class);
        assertThat(targets.names()).containsExactly("registrar", "backup", "pbx-1");
    }

    @Test
    void injectWithoutAContainerSaysSo() {
        assertThatThrownBy(targets.kill("registrar")::inject)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("registrar has no container (the topology has not created it)");
    }

    @Test
    void badSharesAndLoadsAreRefusedWhenTheFaultIsMade() {
        assertThatThrownBy(() -> targets.cpuSqueeze("pbx-1", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> targets.cpuSqueeze("pbx-1", 1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> targets.stress("pbx-1", 0, 50)).hasMessage("stress needs at least one worker, got 0");
        assertThatThrownBy(() -> targets.stress("pbx-1", 1, 101))
                .hasMessage("stress load must be between 1% and 100% of a core per worker, got 101%");
    }

    @Test
    void detailsSayWhatIsDone() {
        assertThat(targets.cpuSqueeze("pbx-1", 0.05).detail()).isEqualTo("docker update --cpu-quota 5000/100000 (5% of a core)");
        assertThat(targets.cpuSqueeze("pbx-1", 0.005).detail()).isEqualTo("docker update --cpu-quota 1000/200000 (0.5% of a core)");
        assertThat(targets.freeze("pbx-1").detail()).isEqualTo("docker pause");
        assertThat(targets.kill("pbx-1").detail()).isEqualTo("docker kill --signal SIGKILL");
        assertThat(targets.stress("pbx-1", 2, 80).detail())
                .isEqualTo("docker exec -d stress-ng --cpu 2 --cpu-load 80 --timeout 7200s");
    }
}
