package io.sipdrill.environments.local;

import io.sipdrill.chaos.fault.Fault;
import io.sipdrill.chaos.fault.TargetWatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A Kamailio instance of the local topology that dies without sipdrill's doing is reported to the
 * drill's {@link TargetWatch}, and the operator's restart brings it back even when the workers of
 * the killed main process still hold its address; a kill step of the drill's own is not a death
 * behind its back. Addresses 127.0.230.50, 127.0.231.50.
 */
@Tag("kamailio")
class KamailioDiedBehindOurBackTest {

    private static final InetSocketAddress PRIMARY = new InetSocketAddress("127.0.230.50", 5060);
    private static final InetSocketAddress BACKUP = new InetSocketAddress("127.0.231.50", 5060);
    private static final Duration NOTICED_WITHIN = Duration.ofSeconds(5);

    private final SipOptionsProbe probe = new SipOptionsProbe(Duration.ofMillis(500));
    private final List<String> watched = new CopyOnWriteArrayList<>();
    private final TargetWatch watch = new TargetWatch() {
        @Override
        public void died(String target, String detail) {
            watched.add("died " + target + " " + detail);
        }

        @Override
        public void back(String target, String detail) {
            watched.add("back " + target + " " + detail);
        }
    };

    @TempDir
    Path runDir;

    @BeforeEach
    void needsKamailio() {
        assumeTrue(Files.isExecutable(config().kamailio()), "no Kamailio at " + config().kamailio());
    }

    @Test
    void aMainKilledFromOutsideIsADeathTheRestartEndsAndItsStrayWorkersGo() throws Exception {
        try (LocalTopology topology = new LocalTopology(config())) {
            topology.start();
            topology.faults().watch(watch);
            ProcessHandle main = topology.process("registrar").orElseThrow();
            List<ProcessHandle> workers = main.descendants().toList();
            assertThat(workers).as("the registrar's workers").isNotEmpty();

            main.destroyForcibly(); // SIGKILL to the main process only, as a crash would end it
            awaitWatched(1);
            assertThat(watched).containsExactly("died registrar killed by SIGKILL");
            System.out.println("workers of the killed main still alive: " + workers.stream().filter(ProcessHandle::isAlive).count()
                    + " of " + workers.size());

            topology.faults().restart("registrar");

            assertThat(watched).containsExactly("died registrar killed by SIGKILL", "back registrar restarted");
            assertThat(workers).as("the old main's workers after the restart").noneMatch(ProcessHandle::isAlive);
            assertThat(probe.probe(PRIMARY)).as("registrar OPTIONS after the restart").hasValue(200);
            assertThat(topology.process("registrar")).get().isNotEqualTo(main);
        }
    }

    @Test
    void aKillStepOfTheDrillsOwnIsNotADeathBehindItsBack() throws Exception {
        try (LocalTopology topology = new LocalTopology(config())) {
            topology.start();
            topology.faults().watch(watch);
            Fault kill = topology.faults().kill("backup");

            kill.inject();
            Thread.sleep(1_000); // time enough for an exit to be (wrongly) reported
            kill.revert();
            topology.faults().restart("backup");

            assertThat(watched).as("what the watch heard about a planned kill and restart").isEmpty();
            assertThat(probe.probe(BACKUP)).as("backup OPTIONS").hasValue(200);
        }
        assertThat(new ArrayList<>(watched)).as("nor about the topology's own stop at close").isEmpty();
    }

    private void awaitWatched(int count) throws InterruptedException {
        long deadline = System.nanoTime() + NOTICED_WITHIN.toNanos();
        while (watched.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private LocalTopologyConfig config() {
        return LocalTopologyConfig.defaults(runDir.toAbsolutePath()).withAddresses(PRIMARY, BACKUP);
    }
}
