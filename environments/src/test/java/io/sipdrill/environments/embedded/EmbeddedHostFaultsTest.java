package io.sipdrill.environments.embedded;

import io.sipdrill.chaos.fault.ClusterRestart;
import io.sipdrill.chaos.fault.Fault;
import io.sipdrill.chaos.fault.FaultTargets;
import io.sipdrill.environments.CallRoles;
import io.sipdrill.environments.SipLatencyLoad;
import io.sipdrill.environments.local.SipOptionsProbe;
import io.sipdrill.load.sip.call.Media;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedded topology's fault targets on its in-JVM servers. Addresses 127.0.175–179.x only. */
class EmbeddedHostFaultsTest {

    private static final String CLIENT_HOST = "127.0.177.250";
    private static final InetSocketAddress CARRIER = new InetSocketAddress("127.0.178.1", 5060);

    private final SipOptionsProbe probe = new SipOptionsProbe(Duration.ofMillis(500));

    private static EmbeddedTopologyConfig config() {
        return EmbeddedTopologyConfig.defaults()
                .withAddresses(TestAddresses.freeUdp("127.0.175.1"), TestAddresses.freeUdp("127.0.176.1"));
    }

    @Test
    void aSqueezedRegistrarQueuesSoItsAnswersComeLateAndRevertBringsThemBack() throws Exception {
        EmbeddedTopologyConfig cfg = config();
        try (EmbeddedTopology topology = new EmbeddedTopology(cfg)) {
            topology.start();
            SipLatencyLoad.Result free = SipLatencyLoad.run(CLIENT_HOST, cfg.primary(), 300, Duration.ofSeconds(2));

            Fault squeeze = topology.faults().cpuSqueeze("registrar", 0.02);
            squeeze.inject();
            assertThat(topology.primaryRegistrar().capacity().capacityFactor()).isEqualTo(0.02);
            SipLatencyLoad.Result squeezed = SipLatencyLoad.run(CLIENT_HOST, cfg.primary(), 300, Duration.ofSeconds(2));
            squeeze.revert();
            SipLatencyLoad.Result after = SipLatencyLoad.run(CLIENT_HOST, cfg.primary(), 300, Duration.ofSeconds(2));

            String measured = "free: " + free + " | squeezed: " + squeezed + " | after: " + after;
            System.out.println("[cpu-squeeze embedded registrar] " + measured);
            assertThat(squeezed.percentileMs(50)).as(measured).isGreaterThan(free.percentileMs(50) * 5);
            assertThat(after.percentileMs(50)).as(measured).isLessThan(squeezed.percentileMs(50) / 3);
            assertThat(topology.primaryRegistrar().capacity().capacityFactor()).isEqualTo(1.0);
            assertThat(squeeze.detail()).isEqualTo("capacity 0.02");
        }
    }

    @Test
    void aKilledRegistrarIsSilentUntilRevertStartsAFreshOneOnTheSameAddress() throws Exception {
        EmbeddedTopologyConfig cfg = config();
        try (EmbeddedTopology topology = new EmbeddedTopology(cfg)) {
            topology.start();
            EmbeddedRegistrar before = topology.primaryRegistrar();
            Fault kill = topology.faults().kill("registrar");

            kill.inject();
            assertThat(probe.probe(cfg.primary())).as("killed registrar").isEmpty();
            assertThat(probe.probe(cfg.backup())).as("backup").hasValue(200);
            assertThatThrownBy(() -> topology.registrarOutage().inject()).hasMessage("registrar is not running; nothing to turn down");

            kill.revert();
            kill.revert();
            assertThat(probe.probe(cfg.primary())).as("registrar after revert").hasValue(200);
            assertThat(topology.primaryRegistrar()).isNotSameAs(before);
            // The outage fault follows the new registrar.
            topology.registrarOutage().inject();
            assertThat(probe.probe(cfg.primary())).as("outage on the new registrar").isEmpty();
            topology.registrarOutage().revert();
            assertThat(probe.probe(cfg.primary())).hasValue(200);
        }
    }

    @Test
    void aRestartedRegistrarHasLostItsBindings() throws Exception {
        EmbeddedTopologyConfig cfg = config();
        try (EmbeddedTopology topology = new EmbeddedTopology(cfg);
             UdpSipClient phone = new UdpSipClient(CLIENT_HOST, cfg.primary())) {
            topology.start();
            assertThat(phone.registerWithAuth("2001", "pw-2001", 600).status()).isEqualTo(200);
            assertThat(topology.primaryRegistrar().isRegistered("2001")).isTrue();
            topology.faults().freeze("registrar").inject();

            topology.faults().restart("registrar");

            assertThat(probe.probe(cfg.primary())).as("restarted registrar (its freeze released)").hasValue(200);
            assertThat(topology.primaryRegistrar().isRegistered("2001")).as("binding after restart").isFalse();
            assertThat(phone.registerWithAuth("2001", "pw-2001", 600).status()).isEqualTo(200);
            assertThat(topology.primaryRegistrar().isRegistered("2001")).isTrue();
        }
    }

    @Test
    void pbxInstancesAreSqueezedFrozenKilledAndRestartedHalfAtATime() throws Exception {
        EmbeddedTopologyConfig cfg = config();
        CallRoles roles = CallRoles.onBlocks("127.0.177", "127.0.178", CARRIER, 2);
        InetSocketAddress pbx1 = roles.primaryPbxs().get(0);
        try (EmbeddedTopology topology = new EmbeddedTopology(cfg)) {
            topology.enableCalls(roles, Media.NONE);
            FaultTargets faults = topology.faults();
            assertThat(faults.names()).containsExactly("registrar", "backup", "pbx-1", "pbx-2", "backup-pbx-1");
            topology.start();
            assertThat(probe.probe(pbx1)).as("pbx-1").hasValue(200);

            SipLatencyLoad.Result free = SipLatencyLoad.runOptions(CLIENT_HOST, pbx1, 100, Duration.ofSeconds(1));
            Fault squeeze = faults.cpuSqueeze("pbx-1", 0.1);
            squeeze.inject();
            SipLatencyLoad.Result squeezed = SipLatencyLoad.runOptions(CLIENT_HOST, pbx1, 100, Duration.ofSeconds(1));
            squeeze.revert();
            System.out.println("[cpu-squeeze embedded pbx-1] free: " + free + " | squeezed: " + squeezed);
            assertThat(squeezed.percentileMs(50)).as("free %s, squeezed %s", free, squeezed).isGreaterThan(free.percentileMs(50) * 5);
            assertThat(squeezed.answered()).isEqualTo(squeezed.sent());

            Fault freeze = faults.freeze("pbx-1");
            freeze.inject();
            assertThat(probe.probe(pbx1)).as("frozen pbx-1 (%s)", freeze.detail()).isEmpty();
            assertThat(probe.probe(roles.primaryPbxs().get(1))).as("pbx-2").hasValue(200);
            freeze.revert();
            assertThat(probe.probe(pbx1)).as("thawed pbx-1").hasValue(200);

            Fault kill = faults.kill("pbx-2");
            kill.inject();
            assertThat(probe.probe(roles.primaryPbxs().get(1))).as("killed pbx-2").isEmpty();
            kill.revert();
            assertThat(probe.probe(roles.primaryPbxs().get(1))).as("pbx-2 after revert").hasValue(200);

            var pbx1Before = topology.pbx("pbx-1");
            var pbx2Before = topology.pbx("pbx-2");
            assertThat(ClusterRestart.restartShare(faults, "pbx-*", 0.5)).containsExactly("pbx-1");
            assertThat(topology.pbx("pbx-1")).isNotSameAs(pbx1Before);
            assertThat(topology.pbx("pbx-2")).isSameAs(pbx2Before);
            assertThat(probe.probe(pbx1)).as("pbx-1 after restart").hasValue(200);

            // Left frozen: close() must release the loop before it can close the PBX.
            faults.freeze("pbx-2").inject();
        }
        assertThat(List.of(pbx1, roles.primaryPbxs().get(1))).allSatisfy(address ->
                assertThat(TestAddresses.freeUdp(address.getAddress().getHostAddress())).isNotNull());
    }

    @Test
    void unknownTargetsAndQuotasAreRefusedInOneLine() {
        try (EmbeddedTopology topology = new EmbeddedTopology(config())) {
            assertThatThrownBy(() -> topology.faults().kill("pbx-1")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("unknown target pbx-1; the embedded topology has registrar, backup");
            assertThatThrownBy(() -> topology.faults().cpuSqueeze("registrar", 0)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
