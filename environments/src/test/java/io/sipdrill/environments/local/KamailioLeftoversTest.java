package io.sipdrill.environments.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whose Kamailio may be stopped as a leftover: only an instance whose owner JVM is gone (its pid
 * no longer runs, or now belongs to a process started later). No Kamailio is started here.
 */
class KamailioLeftoversTest {

    @TempDir
    Path instanceDir;

    @Test
    void thisJvmOwnsWhatItMarked() throws Exception {
        KamailioLeftovers.markOwner(instanceDir);

        assertThat(Files.readString(instanceDir.resolve(KamailioLeftovers.OWNER_FILE)))
                .as("the owner file").startsWith(ProcessHandle.current().pid() + " ");
        assertThat(KamailioLeftovers.ownerAlive(instanceDir)).as("owned by this running JVM").isTrue();
    }

    @Test
    void anOwnerThatExitedIsGone() throws Exception {
        Process owner = new ProcessBuilder("true").start();
        owner.waitFor();
        long started = owner.info().startInstant().map(Instant::toEpochMilli).orElse(1L);
        Files.writeString(instanceDir.resolve(KamailioLeftovers.OWNER_FILE), owner.pid() + " " + started + "\n");

        assertThat(KamailioLeftovers.ownerAlive(instanceDir)).as("owner pid %d exited", owner.pid()).isFalse();
    }

    @Test
    void aReusedPidIsNotTheOwner() throws Exception {
        // This JVM's pid, but an owner that started an hour before it: the pid was reused.
        long me = ProcessHandle.current().pid();
        long anHourEarlier = ProcessHandle.current().info().startInstant().orElseThrow().toEpochMilli() - 3_600_000;
        Files.writeString(instanceDir.resolve(KamailioLeftovers.OWNER_FILE), me + " " + anHourEarlier + "\n");

        assertThat(KamailioLeftovers.ownerAlive(instanceDir)).as("pid %d started later than the owner", me).isFalse();
    }

    @Test
    void anUnreadableOwnerFileCountsAsAliveSoNothingIsKilled() throws Exception {
        Files.writeString(instanceDir.resolve(KamailioLeftovers.OWNER_FILE), "not a pid\n");

        assertThat(KamailioLeftovers.ownerAlive(instanceDir)).as("when in doubt, leave it alone").isTrue();
    }

    @Test
    void strayWorkersAreOnlyKilledInAFolderOfThisJvmOrOfADeadOne() throws Exception {
        assertThat(KamailioLeftovers.ownedHereOrByNobody(instanceDir)).as("no owner file yet").isTrue();
        KamailioLeftovers.markOwner(instanceDir);
        assertThat(KamailioLeftovers.ownedHereOrByNobody(instanceDir)).as("owned by this JVM").isTrue();

        Process other = new ProcessBuilder("sleep", "30").start(); // stands in for another live sipdrill
        try {
            long started = other.info().startInstant().orElseThrow().toEpochMilli();
            Files.writeString(instanceDir.resolve(KamailioLeftovers.OWNER_FILE), other.pid() + " " + started + "\n");
            assertThat(KamailioLeftovers.ownedHereOrByNobody(instanceDir)).as("owned by live pid %d", other.pid()).isFalse();
        } finally {
            other.destroyForcibly().waitFor();
        }
        assertThat(KamailioLeftovers.ownedHereOrByNobody(instanceDir)).as("its owner gone").isTrue();
    }

    @Test
    void noKamailioRunsInAFolderNobodyUsed() {
        assertThat(KamailioLeftovers.of(instanceDir)).as("processes with -Y %s", instanceDir).isEmpty();
    }

    @Test
    void exitCodesSayHowTheProcessEnded() {
        assertThat(KamailioProcess.howItEnded(137)).isEqualTo("killed by SIGKILL");
        assertThat(KamailioProcess.howItEnded(134)).isEqualTo("killed by signal 6");
        assertThat(KamailioProcess.howItEnded(255)).as("Kamailio's exit(-1)").isEqualTo("exited with code 255");
        assertThat(KamailioProcess.howItEnded(1)).isEqualTo("exited with code 1");
    }
}
