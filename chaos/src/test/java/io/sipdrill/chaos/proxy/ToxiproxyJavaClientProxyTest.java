package io.sipdrill.chaos.proxy;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.Toxic;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import io.sipdrill.chaos.api.ToxiproxyApiServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * toxiproxy-java 2.1.7, unchanged, drives sipdrill's proxy through the Toxiproxy API. Set
 * {@code -Dsipdrill.toxiproxy.url=http://127.0.0.1:8474} to run the same test against a real
 * Toxiproxy instead (then sipdrill's own server is not started).
 */
class ToxiproxyJavaClientProxyTest {

    private static final String HOST = "127.0.150.1";
    private static FaultProxy proxy;
    private static ToxiproxyApiServer api;
    private static TcpEchoServer echo;
    private static ToxiproxyClient client;

    @BeforeAll
    static void start() throws IOException {
        echo = new TcpEchoServer(HOST);
        String url = System.getProperty("sipdrill.toxiproxy.url");
        if (url == null || url.isBlank()) {
            proxy = new FaultProxy(FaultProxy.Options.defaults());
            api = ToxiproxyApiServer.start(proxy, new InetSocketAddress(HOST, 0));
            url = api.url();
        }
        URI u = URI.create(url);
        client = new ToxiproxyClient(u.getHost(), u.getPort());
    }

    @AfterAll
    static void stop() throws IOException {
        if (api != null) {
            api.close();
            proxy.close();
        }
        echo.close();
    }

    @Test
    void createToxicListRemoveDisableEnableReset() throws Exception {
        Proxy p = client.createProxy("java-client", HOST + ":0", echo.hostPort());
        try {
            assertThat(p.getName()).isEqualTo("java-client");
            assertThat(p.isEnabled()).isTrue();
            assertThat(p.getListen()).as("the bound port is reported").startsWith(HOST + ":").doesNotEndWith(":0");
            assertThat(client.getProxy("java-client").getUpstream()).isEqualTo(echo.hostPort());
            assertThat(client.getProxies()).extracting(Proxy::getName).contains("java-client");
            assertThat(client.version()).isNotBlank();

            p.toxics().latency("lat", ToxicDirection.DOWNSTREAM, 300).setJitter(0);
            p.toxics().bandwidth("bw", ToxicDirection.UPSTREAM, 1000);
            p.toxics().timeout("to", ToxicDirection.UPSTREAM, 5000).remove();
            p.toxics().limitData("lim", ToxicDirection.DOWNSTREAM, 1_000_000);
            assertThat(p.toxics().getAll()).extracting(Toxic::getName).containsExactlyInAnyOrder("lat", "bw", "lim");
            assertThat(p.toxics().get("lat").getStream()).isEqualTo(ToxicDirection.DOWNSTREAM);
            assertThatThrownBy(() -> p.toxics().latency("lat", ToxicDirection.DOWNSTREAM, 1))
                    .as("a second toxic by the same name").hasMessageContaining("409");

            long slow = roundTripMillis(p.getListen());
            assertThat(slow).as("round trip through a 300 ms latency toxic").isGreaterThanOrEqualTo(300).isLessThan(2000);

            p.toxics().get("lat").remove();
            p.toxics().get("bw").remove();
            p.toxics().get("lim").remove();
            assertThat(p.toxics().getAll()).isEmpty();
            assertThat(roundTripMillis(p.getListen())).as("round trip without toxics").isLessThan(300);

            p.disable();
            assertThat(client.getProxy("java-client").isEnabled()).isFalse();
            assertThatThrownBy(() -> roundTripMillis(p.getListen())).as("a disabled proxy refuses").isInstanceOf(IOException.class);
            p.enable();
            assertThat(roundTripMillis(p.getListen())).isLessThan(300);

            p.toxics().latency("again", ToxicDirection.UPSTREAM, 100);
            p.disable();
            client.reset();
            Proxy after = client.getProxy("java-client");
            assertThat(after.isEnabled()).as("reset enables").isTrue();
            assertThat(after.toxics().getAll()).as("reset removes toxics").isEmpty();
        } finally {
            p.delete();
        }
        assertThat(client.getProxyOrNull("java-client")).isNull();
    }

    private static long roundTripMillis(String listen) throws IOException {
        int colon = listen.lastIndexOf(':');
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(listen.substring(0, colon), Integer.parseInt(listen.substring(colon + 1))), 2000);
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            byte[] msg = "OPTIONS sip:ping SIP/2.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            long start = System.nanoTime();
            out.write(msg);
            out.flush();
            int read = 0;
            byte[] buf = new byte[msg.length];
            while (read < msg.length) {
                int n = in.read(buf, read, msg.length - read);
                if (n < 0) {
                    throw new IOException("closed after " + read + " bytes");
                }
                read += n;
            }
            assertThat(buf).isEqualTo(msg);
            return (System.nanoTime() - start) / 1_000_000;
        }
    }
}
