package io.sipdrill.chaos.proxy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A TCP route's connection-level toxics against a real echo server. */
@Tag("integration")
class StreamRouteProxyTest {

    private static final String HOST = "127.0.158.1";
    private FaultProxy proxy;
    private TcpEchoServer echo;
    private Route route;

    @BeforeEach
    void start() throws IOException {
        echo = new TcpEchoServer(HOST);
        proxy = new FaultProxy(FaultProxy.Options.defaults());
        route = proxy.create(RouteSpec.tcp("tcp", HOST + ":0", echo.hostPort()));
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        echo.close();
    }

    private Socket connect() throws IOException {
        Socket s = new Socket(route.listen().getAddress(), route.listen().getPort());
        s.setSoTimeout(5000);
        return s;
    }

    @Test
    void limitDataClosesAfterTheBytes() throws IOException {
        proxy.addToxic("tcp", new ToxicRequest("lim", "limit_data", "downstream", null, Map.of("bytes", 5)));
        try (Socket s = connect()) {
            s.getOutputStream().write("0123456789".getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("01234");
        }
    }

    @Test
    void resetPeerResets() throws IOException {
        proxy.addToxic("tcp", new ToxicRequest("rst", "reset_peer", "upstream", null, Map.of("timeout", 50)));
        try (Socket s = connect()) {
            s.getOutputStream().write("x".getBytes(StandardCharsets.US_ASCII));
            assertThatThrownBy(() -> {
                InputStream in = s.getInputStream();
                if (in.read() >= 0) {
                    throw new AssertionError("data came through a reset_peer toxic");
                }
                s.getOutputStream().write(new byte[1]);
                s.getOutputStream().write(new byte[1]);
                in.read();
            }).isInstanceOf(SocketException.class);
        }
    }

    @Test
    void timeoutHoldsDataThatRemovalDelivers() throws Exception {
        proxy.addToxic("tcp", new ToxicRequest("hold", "timeout", "downstream", null, Map.of("timeout", 0)));
        try (Socket s = connect()) {
            s.getOutputStream().write("held".getBytes(StandardCharsets.US_ASCII));
            s.setSoTimeout(300);
            assertThatThrownBy(() -> s.getInputStream().read()).isInstanceOf(java.net.SocketTimeoutException.class);
            proxy.removeToxic("tcp", "hold");
            s.setSoTimeout(5000);
            assertThat(new String(s.getInputStream().readNBytes(4), StandardCharsets.US_ASCII)).isEqualTo("held");
        }
    }

    @Test
    void disabledRefusesAndEnabledServesAgain() throws IOException {
        proxy.update("tcp", null, null, false);
        assertThatThrownBy(this::connect).isInstanceOf(IOException.class);
        proxy.update("tcp", null, null, true);
        try (Socket s = connect()) {
            s.getOutputStream().write("ok".getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(s.getInputStream().readNBytes(2), StandardCharsets.US_ASCII)).isEqualTo("ok");
        }
    }
}
