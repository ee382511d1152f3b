package io.sipdrill.chaos.fault;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterRestartTest {

    private static final List<String> NAMES = List.of("registrar", "backup", "pbx-1", "pbx-2", "pbx-10", "pbx-3", "backup-pbx-1");

    @Test
    void membersAreTheClustersInstancesByNumberAndNotTheBackupsOfTheSameName() {
        assertThat(ClusterRestart.members(NAMES, "pbx-*")).containsExactly("pbx-1", "pbx-2", "pbx-3", "pbx-10");
        assertThat(ClusterRestart.members(NAMES, "backup-pbx-*")).containsExactly("backup-pbx-1");
    }

    @Test
    void halfACLusterIsCeilOfHalfKAndTheRestIsTheOthers() {
        List<String> three = List.of("pbx-1", "pbx-2", "pbx-3");

        assertThat(ClusterRestart.slice(three, "pbx-*", 0, 0.5)).containsExactly("pbx-1", "pbx-2");
        assertThat(ClusterRestart.slice(three, "pbx-*", 0.5, 1)).containsExactly("pbx-3");
        assertThat(ClusterRestart.slice(NAMES, "pbx-*", 0, 0.5)).containsExactly("pbx-1", "pbx-2");
        assertThat(ClusterRestart.slice(NAMES, "pbx-*", 0.5, 1)).containsExactly("pbx-3", "pbx-10");
        assertThat(ClusterRestart.slice(List.of("pbx-1"), "pbx-*", 0, 0.5)).as("half of one").containsExactly("pbx-1");
        assertThat(ClusterRestart.slice(List.of("pbx-1"), "pbx-*", 0.5, 1)).as("the rest of one").isEmpty();
    }

    @Test
    void binaryFractionsDoNotTipASliceOverByOne() {
        List<String> ten = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            ten.add("pbx-" + i);
        }

        assertThat(ClusterRestart.slice(ten, "pbx-*", 0, 0.3)).hasSize(3);
        assertThat(ClusterRestart.slice(ten, "pbx-*", 0.3, 1)).hasSize(7);
    }

    @Test
    void restartShareRestartsTheChosenMembersInOrder() throws Exception {
        List<String> restarted = new ArrayList<>();
        FaultTargets targets = new FaultTargets() {
            @Override public Set<String> names() { return new LinkedHashSet<>(NAMES); }
            @Override public Fault cpuSqueeze(String target, double quota) { throw new UnsupportedOperationException(); }
            @Override public Fault freeze(String target) { throw new UnsupportedOperationException(); }
            @Override public Fault kill(String target) { throw new UnsupportedOperationException(); }
            @Override public void restart(String target) { restarted.add(target); }
        };

        assertThat(ClusterRestart.restartShare(targets, "pbx-*", 0.5)).containsExactly("pbx-1", "pbx-2");
        assertThat(ClusterRestart.restartSlice(targets, "pbx-*", 0.5, 1.0)).containsExactly("pbx-3", "pbx-10");
        assertThat(restarted).containsExactly("pbx-1", "pbx-2", "pbx-3", "pbx-10");
    }

    @Test
    void badClustersAndSlicesAreRefusedInOneLine() {
        assertThatThrownBy(() -> ClusterRestart.members(NAMES, "pbx")).hasMessage("a cluster is written <prefix>-*, e.g. pbx-*; got pbx");
        assertThatThrownBy(() -> ClusterRestart.members(NAMES, "sbc-*")).hasMessageStartingWith("no targets match sbc-* (targets: registrar, backup");
        assertThatThrownBy(() -> ClusterRestart.slice(NAMES, "pbx-*", 0.6, 0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClusterRestart.slice(NAMES, "pbx-*", 0, 1.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
