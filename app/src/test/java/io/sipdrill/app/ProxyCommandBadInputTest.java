package io.sipdrill.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code sipdrill proxy} refuses bad input with exit 2 and one clear line. */
class ProxyCommandBadInputTest {

    @TempDir
    Path dir;

    @Test
    void badJsonNamesTheFileAndLine() throws Exception {
        Path routes = dir.resolve("routes.json");
        Files.writeString(routes, "[\n  {\"name\": \"a\",\n   \"listen\": \"127.0.154.1:0\"\n   \"upstream\": \"127.0.154.1:9\"}\n]\n");
        CliCapture.Result r = CliCapture.execute("proxy", "--api", "127.0.154.1:18474", "--config", routes.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().contains("routes.json line 4");
    }

    @Test
    void routeAddressInUse() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress("127.0.154.2", 0))) {
            Path routes = dir.resolve("routes.json");
            Files.writeString(routes, "[{\"name\":\"r\",\"listen\":\"127.0.154.2:" + taken.getLocalPort()
                    + "\",\"upstream\":\"127.0.154.2:9\",\"protocol\":\"udp\"}]");
            CliCapture.Result r = CliCapture.execute("proxy", "--api", "127.0.154.2:18474", "--config", routes.toString());
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.errLines()).singleElement().asString().contains("listen udp 127.0.154.2:" + taken.getLocalPort());
        }
    }

    @Test
    void apiAddressInUse() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.154.3", 0));
            CliCapture.Result r = CliCapture.execute("proxy", "--api", "127.0.154.3:" + taken.getLocalPort());
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.errLines()).singleElement().asString().contains("already in use");
        }
    }

    @Test
    void nonLoopbackUpstreamIsRefused() throws Exception {
        Path routes = dir.resolve("routes.json");
        Files.writeString(routes, "[{\"name\":\"r\",\"listen\":\"127.0.154.4:0\",\"upstream\":\"192.0.2.1:5060\"}]");
        CliCapture.Result r = CliCapture.execute("proxy", "--api", "127.0.154.4:18474", "--config", routes.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().contains("outside loopback");
    }
}
