package io.sipdrill.environments.embedded;

import io.sipdrill.environments.CallRoles;
import io.sipdrill.environments.local.SippOutcome;
import io.sipdrill.environments.local.SippProcess;
import io.sipdrill.load.gatling.GatlingLaunch;
import io.sipdrill.load.sip.call.Media;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIPp as the independent far end of the scripted call steps, through the embedded POP and PBX:
 * SIPp's built-in {@code uac} (as the carrier) calls a scripted handset's DDI, which
 * {@code awaitCall()}s and {@code answer()}s it; SIPp's built-in {@code uas} answers a scripted
 * handset's {@code call(…)}, which the scenario then ends with {@code hangup()}. Both SIPp and
 * Gatling's assertions must be satisfied.
 */
@Tag("sipp")
class SippScriptedCallTest {

    private static final InetSocketAddress PRIMARY = new InetSocketAddress("127.0.141.1", 5060);
    private static final InetSocketAddress BACKUP = new InetSocketAddress("127.0.142.1", 5060);
    private static final InetSocketAddress CARRIER = new InetSocketAddress("127.0.143.1", 5060);
    private static final String HANDSETS = "127.0.144.10";
    private static final String USER = "1000000";

    @TempDir
    Path tmp;

    private EmbeddedTopology topology;
    private Path results;

    @BeforeEach
    void start() throws Exception {
        // Kept under target/ (not the temporary folder) so a failing run's report can be opened.
        results = java.nio.file.Files.createTempDirectory(
                java.nio.file.Files.createDirectories(Path.of("target", "gatling-runs")), "sipp-scripted-");
        topology = new EmbeddedTopology(EmbeddedTopologyConfig.defaults().withAddresses(PRIMARY, BACKUP));
        topology.enableCalls(CallRoles.onBlocks("127.0.141", "127.0.142", CARRIER, 1), Media.NONE);
        topology.start();
    }

    @AfterEach
    void stop() {
        if (topology != null) {
            topology.close();
        }
    }

    @Test
    void aScriptedHandsetAwaitsAndAnswersSippUacsCallToItsDdi() throws Exception {
        GatlingLaunch gatling = launch(SippScriptedCallSimulation.Role.CALLEE, null);
        gatling.go();
        awaitRegistered();
        try (SippProcess uac = SippProcess.start(tmp, "uac", List.of("-sn", "uac", "-s", "4420" + USER,
                "-i", CARRIER.getAddress().getHostAddress(), "-p", "5060", "-m", "1", "-d", "1000", "-timeout", "20",
                PRIMARY.getAddress().getHostAddress() + ":5060"))) {
            assertThat(uac.awaitExit(Duration.ofSeconds(30))).as(uac.logTail(40))
                    .isEqualTo(SippOutcome.ALL_CALLS_SUCCEEDED);
        }
        assertThat(gatling.awaitExit(Duration.ofSeconds(60))).as("Gatling: await and answer OK; report under " + results)
                .isZero();
    }

    @Test
    void sippUasAnswersAScriptedHandsetsCallWhichTheScenarioHangsUp() throws Exception {
        try (SippProcess uas = SippProcess.start(tmp, "uas", List.of("-sn", "uas",
                "-i", CARRIER.getAddress().getHostAddress(), "-p", "5060", "-m", "1", "-timeout", "20"))) {
            Thread.sleep(300); // SIPp binds its socket
            GatlingLaunch gatling = launch(SippScriptedCallSimulation.Role.CALLER, "00441632960001");
            assertThat(gatling.awaitExit(Duration.ofSeconds(60))).as("Gatling: call and hangup OK; report under " + results)
                    .isZero();
            assertThat(uas.awaitExit(Duration.ofSeconds(30))).as("SIPp saw INVITE, ACK and our BYE: " + uas.logTail(40))
                    .isEqualTo(SippOutcome.ALL_CALLS_SUCCEEDED);
        }
    }

    private GatlingLaunch launch(SippScriptedCallSimulation.Role role, String number) throws Exception {
        GatlingLaunch gatling = GatlingLaunch.start(SippScriptedCallSimulation.class,
                new SippScriptedCallSimulation.Spec(role, hostPort(PRIMARY), hostPort(BACKUP), HANDSETS, USER, number),
                results);
        gatling.awaitReady(Duration.ofMinutes(1));
        return gatling;
    }

    private void awaitRegistered() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!topology.primaryRegistrar().isRegistered(USER) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(topology.primaryRegistrar().isRegistered(USER)).as("the handset registered").isTrue();
    }

    private static String hostPort(InetSocketAddress a) {
        return a.getAddress().getHostAddress() + ":" + a.getPort();
    }
}
