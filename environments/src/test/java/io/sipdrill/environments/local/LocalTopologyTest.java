package io.sipdrill.environments.local;

import io.sipdrill.chaos.fault.Fault;
import io.sipdrill.environments.Endpoints;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Needs the Debian kamailio package. Test-only addresses keep clear of a real run on 127.0.1.1/127.0.2.1. */
@Tag("kamailio")
class LocalTopologyTest {

    private static final InetSocketAddress PRIMARY = new InetSocketAddress("127.0.21.1", 5060);
    private static final InetSocketAddress BACKUP = new InetSocketAddress("127.0.22.1", 5060);

    private final SipOptionsProbe probe = new SipOptionsProbe(Duration.ofMillis(500));

    @TempDir
    Path runDir;

    @Test
    void freezingThePrimarySilencesItWhileTheBackupKeepsAnswering() throws Exception {
        List<ProcessHandle> ours = new ArrayList<>();
        LocalTopologyConfig config = LocalTopologyConfig.defaults(runDir).withAddresses(PRIMARY, BACKUP);
        try (LocalTopology topology = new LocalTopology(config)) {
            topology.start();
            topology.instances().forEach(instance -> instance.handle().ifPresent(main -> {
                ours.add(main);
                main.descendants().forEach(ours::add);
            }));
            Endpoints endpoints = topology.endpoints();
            assertThat(endpoints.primary().hostPort()).isEqualTo("127.0.21.1:5060");
            assertThat(endpoints.backup().realm()).isEqualTo("sipdrill.test");
            assertThat(probe.probe(PRIMARY)).as("primary OPTIONS").hasValue(200);
            assertThat(probe.probe(BACKUP)).as("backup OPTIONS").hasValue(200);

            Fault outage = topology.registrarOutage();
            assertThat(outage.name()).isEqualTo("registrar-outage");
            assertThat(outage.target()).isEqualTo("registrar");
            outage.inject();
            assertThat(probe.probe(PRIMARY)).as("frozen primary OPTIONS (%s)", outage.detail()).isEmpty();
            assertThat(probe.probe(BACKUP)).as("backup OPTIONS during the outage").hasValue(200);

            outage.revert();
            assertThat(probe.probe(PRIMARY)).as("thawed primary OPTIONS").hasValue(200);

            // Leave it frozen: close() must thaw before it can stop the primary.
            outage.inject();
            topology.collectLogs(runDir.resolve("report"));
        }
        assertThat(ours).as("kamailio main processes and workers").hasSizeGreaterThan(8);
        assertThat(ours).as("processes alive after close()").noneMatch(ProcessHandle::isAlive);
        assertThat(runDir.resolve("report/kamailio-primary.log")).exists();
        assertThat(runDir.resolve("report/kamailio-backup.log")).exists();
    }

    @Test
    void startFailsClearlyWhenThePortIsTaken() throws Exception {
        InetSocketAddress taken = new InetSocketAddress("127.0.23.1", 5060);
        try (DatagramSocket squatter = new DatagramSocket(taken);
             LocalTopology topology = new LocalTopology(LocalTopologyConfig.defaults(runDir)
                     .withAddresses(new InetSocketAddress("127.0.23.2", 5060), taken))) {
            assertThatThrownBy(topology::start).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("127.0.23.1:5060 is already in use");
            assertThat(topology.instances()).allMatch(instance -> instance.handle().isEmpty());
        }
    }

    @Test
    void startFailsClearlyWhenKamailioIsMissing() {
        LocalTopologyConfig config = LocalTopologyConfig.defaults(runDir).withKamailio(Path.of("/nonexistent/kamailio"));
        try (LocalTopology topology = new LocalTopology(config)) {
            assertThatThrownBy(topology::start).hasMessageContaining("kamailio not found: apt-get install kamailio");
        }
    }
}
