package io.sipdrill.environments.embedded;

import io.sipdrill.chaos.fault.Fault;
import io.sipdrill.environments.Endpoints;
import org.junit.jupiter.api.Test;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;

import static io.sipdrill.environments.embedded.TestAddresses.BACKUP_HOST;
import static io.sipdrill.environments.embedded.TestAddresses.CLIENT_HOST;
import static io.sipdrill.environments.embedded.TestAddresses.PRIMARY_HOST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedTopologyTest {

    private static EmbeddedTopologyConfig config() {
        return EmbeddedTopologyConfig.defaults()
                .withAddresses(TestAddresses.freeUdp(PRIMARY_HOST), TestAddresses.freeUdp(BACKUP_HOST));
    }

    @Test
    void startsBothRegistrarsAndTheOutageFaultSilencesThePrimary() throws Exception {
        EmbeddedTopologyConfig cfg = config();
        try (EmbeddedTopology topology = new EmbeddedTopology(cfg)) {
            topology.start();

            assertThat(topology.name()).isEqualTo("embedded");
            Endpoints endpoints = topology.endpoints();
            assertThat(endpoints.primary().address()).isEqualTo(cfg.primary());
            assertThat(endpoints.backup().address()).isEqualTo(cfg.backup());
            assertThat(endpoints.primary().realm()).isEqualTo("sipdrill.test");

            Fault outage = topology.registrarOutage();
            assertThat(outage.name()).isEqualTo("registrar-outage");
            assertThat(outage.target()).isEqualTo("registrar");
            assertThat(outage.detail()).isEqualTo("capacity 0");

            outage.inject();
            assertThat(OptionsProbe.answers(cfg.primary(), Duration.ofMillis(600))).as("primary down").isFalse();
            assertThat(OptionsProbe.answers(cfg.backup(), Duration.ofSeconds(2))).as("backup unaffected").isTrue();
            try (UdpSipClient c = new UdpSipClient(CLIENT_HOST, cfg.backup())) {
                assertThat(c.registerWithAuth("2001", "pw-2001", 60).status()).isEqualTo(200);
            }
            assertThat(topology.backupRegistrar().isRegistered("2001")).isTrue();
            assertThat(topology.primaryRegistrar().registeredCount()).isZero();

            outage.revert();
            outage.revert();
            assertThat(OptionsProbe.answers(cfg.primary(), Duration.ofSeconds(2))).as("primary back").isTrue();
        }
    }

    @Test
    void portInUseFailsStartClearly() throws Exception {
        EmbeddedTopologyConfig cfg = config();
        try (DatagramSocket squatter = new DatagramSocket(cfg.primary());
             EmbeddedTopology topology = new EmbeddedTopology(cfg)) {
            assertThatThrownBy(topology::start).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith(PRIMARY_HOST + ":" + cfg.primary().getPort() + " is already in use");
        }
    }

    @Test
    void defaultsMatchTheArchitecture() {
        EmbeddedTopologyConfig d = EmbeddedTopologyConfig.defaults();

        assertThat(d.primary()).isEqualTo(new InetSocketAddress("127.0.1.1", 5060));
        assertThat(d.backup()).isEqualTo(new InetSocketAddress("127.0.2.1", 5060));
        assertThat(d.minExpires()).isEqualTo(1);
    }
}
