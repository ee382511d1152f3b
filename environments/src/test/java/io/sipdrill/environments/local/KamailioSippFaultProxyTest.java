package io.sipdrill.environments.local;

import io.sipdrill.chaos.proxy.FaultProxy;
import io.sipdrill.chaos.proxy.Route;
import io.sipdrill.chaos.proxy.RouteSpec;
import io.sipdrill.chaos.proxy.ToxicRequest;
import io.sipdrill.chaos.toxic.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real peers on both sides of the fault proxy: SIPp registers with digest through a UDP route to
 * a Kamailio registrar; all registrations succeed, and a 200 ms downstream latency toxic raises
 * SIPp's registration time (two round trips: 401, then 200) by about 400 ms.
 */
@Tag("kamailio")
@Tag("sipp")
class KamailioSippFaultProxyTest {

    private static final InetSocketAddress PRIMARY = new InetSocketAddress("127.0.156.1", 5060);
    private static final InetSocketAddress BACKUP = new InetSocketAddress("127.0.157.1", 5060);
    private static final String PROXY_LISTEN = "127.0.156.5:5060";
    private static final String SIPP_HOST = "127.0.156.10";
    private static final int REGISTRATIONS = 20;

    @TempDir
    static Path runDir;
    private static LocalTopology topology;
    private static FaultProxy proxy;
    private static Route route;

    @BeforeAll
    static void start() throws Exception {
        topology = new LocalTopology(LocalTopologyConfig.defaults(runDir).withAddresses(PRIMARY, BACKUP));
        topology.start();
        proxy = new FaultProxy(FaultProxy.Options.defaults());
        route = proxy.create(RouteSpec.udp("handsets->registrar", PROXY_LISTEN, topology.endpoints().primary().hostPort()));
    }

    @AfterAll
    static void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (topology != null) {
            topology.close();
        }
    }

    @Test
    void registrationsThroughTheProxySucceedAndLatencyShowsInSippsResponseTimes() throws Exception {
        Map<String, String> plain = register("through-proxy", 5061);
        assertThat(plain).containsEntry("SuccessfulCall(C)", Integer.toString(REGISTRATIONS)).containsEntry("FailedCall(C)", "0");
        assertThat(route.metrics().sentPackets(Stream.UPSTREAM)).as("REGISTERs forwarded").isGreaterThanOrEqualTo(2L * REGISTRATIONS);
        assertThat(route.metrics().sentPackets(Stream.DOWNSTREAM)).as("401s and 200s back").isGreaterThanOrEqualTo(2L * REGISTRATIONS);
        assertThat(route.metrics().proxyDrops()).isZero();

        proxy.addToxic(route.name(), new ToxicRequest("slow-registrar", "latency", "downstream", null, Map.of("latency", 200)));
        Map<String, String> slow = register("through-latency", 5062);
        assertThat(slow).containsEntry("SuccessfulCall(C)", Integer.toString(REGISTRATIONS)).containsEntry("FailedCall(C)", "0");

        double before = millis(plain.get("ResponseTime1(C)"));
        double after = millis(slow.get("ResponseTime1(C)"));
        System.out.printf("SIPp REGISTER via fault proxy to Kamailio: mean registration time %.1f ms without toxic, %.1f ms with 200 ms latency (+%.1f ms over 2 round trips)%n",
                before, after, after - before);
        assertThat(after - before).as("two responses each delayed 200 ms").isBetween(360.0, 480.0);
    }

    private static Map<String, String> register(String name, int port) throws Exception {
        try (SippProcess uac = SippProcess.start(runDir, name, List.of(
                "-sf", SippScenarios.of("uac-register-rport.xml").toString(),
                "-s", "1001", "-ap", "pw-1001",
                "-i", SIPP_HOST, "-p", Integer.toString(port),
                "-m", Integer.toString(REGISTRATIONS), "-r", "10",
                "-recv_timeout", "5000",
                "-trace_stat", "-stf", name + ".csv", "-fd", "1",
                PROXY_LISTEN))) {
            SippOutcome outcome = uac.awaitExit(Duration.ofSeconds(30));
            assertThat(outcome).as("sipp outcome; log:\n%s", uac.logTail(40)).isEqualTo(SippOutcome.ALL_CALLS_SUCCEEDED);
            return SippProcess.lastStats(runDir.resolve(name + ".csv"));
        }
    }

    /** SIPp's {@code HH:MM:SS:uuuuuu} (or {@code HH:MM:SS.uuuuuu}) as milliseconds. */
    private static double millis(String value) {
        String[] p = value.trim().split("[:.]");
        return Integer.parseInt(p[0]) * 3_600_000.0 + Integer.parseInt(p[1]) * 60_000.0 + Integer.parseInt(p[2]) * 1000.0
                + Integer.parseInt(p[3]) / 1000.0;
    }
}
