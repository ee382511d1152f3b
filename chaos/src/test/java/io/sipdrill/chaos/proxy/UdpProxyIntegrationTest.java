package io.sipdrill.chaos.proxy;

import io.sipdrill.chaos.toxic.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Real-time checks of a UDP route: latency and loss toxics are accurate, and the proxy itself loses nothing. */
@Tag("integration")
class UdpProxyIntegrationTest {

    private static final String HOST = "127.0.151.1";
    private FaultProxy proxy;
    private UdpEchoServer echo;
    private Route route;

    @BeforeEach
    void start() throws Exception {
        echo = new UdpEchoServer(HOST);
        proxy = new FaultProxy(FaultProxy.Options.defaults());
        route = proxy.create(RouteSpec.udp("handsets->echo", HOST + ":0", echo.hostPort()));
    }

    @AfterEach
    void stop() {
        proxy.close();
        echo.close();
    }

    @Test
    void latencyOf200msAdds200msAt1000PacketsPerSecond() throws Exception {
        UdpLoad.Result base = UdpLoad.run(route.listen(), "127.0.151.2", 4, 1000, 1000, 2000);
        proxy.addToxic(route.name(), new ToxicRequest("lat", "latency", "downstream", null, Map.of("latency", 200)));
        UdpLoad.Result slow = UdpLoad.run(route.listen(), "127.0.151.2", 4, 1000, 3000, 3000);

        double added = slow.meanRttMillis() - base.meanRttMillis();
        long[] sorted = Arrays.stream(slow.rttNanos()).filter(r -> r >= 0).sorted().toArray();
        double p1 = sorted[sorted.length / 100] / 1e6 - base.meanRttMillis();
        double p99 = sorted[sorted.length * 99 / 100] / 1e6 - base.meanRttMillis();
        System.out.printf("UDP latency toxic 200 ms at 1000/s: added mean %.1f ms (p1 %.1f, p99 %.1f), base rtt %.2f ms, lost %d of %d%n",
                added, p1, p99, base.meanRttMillis(), slow.lost(), slow.sent());
        assertThat(added).as("mean latency added").isCloseTo(200.0, within(20.0));
        assertThat(p1).as("1st percentile of added latency").isGreaterThanOrEqualTo(180.0);
        assertThat(p99).as("99th percentile of added latency").isLessThanOrEqualTo(220.0);
        assertThat(slow.lost()).as("a latency toxic delays, it does not drop").isZero();
    }

    @Test
    void lossOf10PercentDrops10Percent() throws Exception {
        proxy.addToxic(route.name(), new ToxicRequest("loss", "loss", "upstream", null, Map.of("probability", 0.1)));
        UdpLoad.Result r = UdpLoad.run(route.listen(), "127.0.151.3", 4, 5000, 10_000, 2000);

        double lossPct = 100.0 * r.lost() / r.sent();
        System.out.printf("UDP loss toxic 10%%: %d of %d lost = %.2f%%; toxic dropped %d, proxy dropped %d%n",
                r.lost(), r.sent(), lossPct, route.metrics().toxicDrops("loss"), route.metrics().proxyDrops());
        assertThat(lossPct).as("loss %").isCloseTo(10.0, within(2.0));
        assertThat(route.metrics().toxicDrops("loss")).as("every loss is the toxic's").isEqualTo(r.lost());
        assertThat(route.metrics().proxyDrops()).isZero();
    }

    @Test
    void noToxicLosesNothingAt5000PacketsPerSecondFor10Seconds() throws Exception {
        UdpLoad.Result r = UdpLoad.run(route.listen(), "127.0.151.4", 8, 5000, 50_000, 3000);

        System.out.printf("UDP no toxic 5000/s x 10 s: sent %d, echoed %d, lost %d; proxy upstream in %d out %d, downstream in %d out %d, proxy drops %d%n",
                r.sent(), r.received(), r.lost(), route.metrics().receivedPackets(Stream.UPSTREAM),
                route.metrics().sentPackets(Stream.UPSTREAM), route.metrics().receivedPackets(Stream.DOWNSTREAM),
                route.metrics().sentPackets(Stream.DOWNSTREAM), route.metrics().proxyDrops());
        assertThat(r.sent()).isEqualTo(50_000);
        assertThat(route.metrics().sentPackets(Stream.UPSTREAM)).as("proxy forwarded every datagram it read")
                .isEqualTo(route.metrics().receivedPackets(Stream.UPSTREAM));
        assertThat(route.metrics().proxyDrops()).isZero();
        assertThat(r.lost()).as("datagrams lost end to end").isZero();
        assertThat(proxy.loopFailures()).isZero();
    }
}
