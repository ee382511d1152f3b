package io.sipdrill.environments.local;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** SIPp registers with digest against the Kamailio primary: proves registrar.cfg's auth and save. */
@Tag("kamailio")
@Tag("sipp")
class KamailioSippRegisterTest {

    private static final InetSocketAddress PRIMARY = new InetSocketAddress("127.0.25.1", 5060);
    private static final InetSocketAddress BACKUP = new InetSocketAddress("127.0.26.1", 5060);

    @TempDir
    static Path runDir;
    private static LocalTopology topology;

    @BeforeAll
    static void startKamailio() throws Exception {
        topology = new LocalTopology(LocalTopologyConfig.defaults(runDir).withAddresses(PRIMARY, BACKUP));
        topology.start();
    }

    @AfterAll
    static void stopKamailio() {
        if (topology != null) {
            topology.close();
        }
    }

    @Test
    void digestRegisterGets200() throws Exception {
        try (SippProcess uac = register("register-ok", "1001", "pw-1001", 3)) {
            SippOutcome outcome = uac.awaitExit(Duration.ofSeconds(20));

            assertThat(outcome).as("sipp outcome; log:\n%s", uac.logTail(40)).isEqualTo(SippOutcome.ALL_CALLS_SUCCEEDED);
            Map<String, String> stats = SippProcess.lastStats(runDir.resolve("register-ok.csv"));
            assertThat(stats).containsEntry("SuccessfulCall(C)", "3").containsEntry("FailedCall(C)", "0");
            assertThat(Files.readString(runDir.resolve("register-ok-messages.log")))
                    .as("the answering instance names itself").contains("Server: sipdrill-kamailio-primary");
        }
    }

    @Test
    void wrongPasswordIsChallengedAgain() throws Exception {
        try (SippProcess uac = register("register-bad", "1002", "not-pw-1002", 1)) {
            assertThat(uac.awaitExit(Duration.ofSeconds(20))).isEqualTo(SippOutcome.SOME_CALLS_FAILED);
            assertThat(Files.readString(runDir.resolve("register-bad-messages.log"))).contains("SIP/2.0 401 Unauthorized")
                    .doesNotContain("SIP/2.0 200 OK");
        }
    }

    private static SippProcess register(String name, String user, String password, int calls) throws Exception {
        return SippProcess.start(runDir, name, List.of(
                "-sf", SippScenarios.of("uac-register-kamailio.xml").toString(),
                "-s", user, "-ap", password,
                "-i", "127.0.25.10", "-p", "5060",
                "-m", Integer.toString(calls), "-r", "10",
                "-recv_timeout", "5000",
                "-trace_stat", "-stf", name + ".csv", "-fd", "1",
                "-trace_msg", "-message_file", name + "-messages.log",
                topology.endpoints().primary().hostPort()));
    }
}
