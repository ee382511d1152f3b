package io.sipdrill.chaos.proxy;

import io.sipdrill.chaos.fault.Fault;
import io.sipdrill.chaos.fault.LinkFaults;
import io.sipdrill.chaos.toxic.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Toxics added and removed 1,000 times while SIP datagrams from 20 handsets flow through a UDP
 * route: no exception, and no datagram lost by the proxy (only latency toggles, which delay).
 */
@Tag("integration")
class ProxyRaceIntegrationTest {

    private static final String HOST = "127.0.152.1";

    @Test
    void togglingToxicsUnderTrafficLosesNothing() throws Exception {
        try (UdpEchoServer echo = new UdpEchoServer(HOST);
             FaultProxy proxy = new FaultProxy(FaultProxy.Options.defaults())) {
            Route route = proxy.create(RouteSpec.udp("handsets->registrar", HOST + ":0", echo.hostPort()));
            LinkFaults links = new ProxyLinkFaults(proxy);
            AtomicBoolean toggling = new AtomicBoolean(true);
            CompletableFuture<Integer> toggler = CompletableFuture.supplyAsync(() -> {
                int n = 0;
                try {
                    for (; n < 1000; n++) {
                        Fault up = links.toxic("handsets->registrar", "latency", Map.of("latency", 3 + n % 7, "jitter", 2),
                                LinkFaults.Stream.UPSTREAM);
                        Fault down = links.toxic("handsets->registrar", "bandwidth", Map.of("rate", 500),
                                LinkFaults.Stream.DOWNSTREAM);
                        up.inject();
                        down.inject();
                        Thread.sleep(2);
                        if (n % 2 == 0) {
                            up.revert();
                            down.revert();
                        } else {
                            down.revert();
                            up.revert();
                        }
                    }
                    return n;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                } finally {
                    toggling.set(false);
                }
            });
            UdpLoad.Result r = UdpLoad.run(route.listen(), "127.0.152.2", 20, 2000, toggling::get, 200_000, 3000);

            System.out.printf("race: %d toxic add/remove cycles; %d datagrams sent, %d echoed, proxy drops %d, loop failures %d%n",
                    toggler.get(), r.sent(), r.received(), route.metrics().proxyDrops(), proxy.loopFailures());
            assertThat(toggler.get()).isEqualTo(1000);
            assertThat(r.sent()).isGreaterThan(1000);
            assertThat(r.lost()).as("datagrams lost").isZero();
            assertThat(route.metrics().proxyDrops()).isZero();
            assertThat(route.metrics().toxicDrops()).isEmpty();
            assertThat(proxy.loopFailures()).as("exceptions on the proxy loop").isZero();
            assertThat(route.toxics()).isEmpty();
            assertThat(route.metrics().sentPackets(Stream.UPSTREAM)).isEqualTo(r.sent());
        }
    }
}
