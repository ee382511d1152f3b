package io.sipdrill.environments.local;

import org.junit.jupiter.api.Test;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class SipOptionsProbeTest {

    private final SipOptionsProbe probe = new SipOptionsProbe(Duration.ofMillis(300));

    @Test
    void reportsTheStatusCodeOfTheAnswer() throws Exception {
        try (DatagramSocket server = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            CompletableFuture<String> received = CompletableFuture.supplyAsync(() -> answer(server, 404));

            assertThat(probe.probe((InetSocketAddress) server.getLocalSocketAddress())).hasValue(404);
            assertThat(received.get()).startsWith("OPTIONS sip:").contains("CSeq: 1 OPTIONS", "Via: SIP/2.0/UDP 127.0.0.1:");
        }
    }

    @Test
    void isEmptyWhenNobodyAnswers() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            assertThat(probe.probe((InetSocketAddress) silent.getLocalSocketAddress())).isEmpty();
        }
    }

    @Test
    void parsesOnlyStatusLines() {
        assertThat(SipOptionsProbe.statusCode("SIP/2.0 200 OK\r\n")).hasValue(200);
        assertThat(SipOptionsProbe.statusCode("OPTIONS sip:x SIP/2.0\r\n")).isEmpty();
        assertThat(SipOptionsProbe.statusCode("SIP/2.0 2x0 OK")).isEmpty();
    }

    /** Replies to one request with {@code status}, echoing the headers a client matches on. */
    private static String answer(DatagramSocket server, int status) {
        try {
            DatagramPacket request = new DatagramPacket(new byte[65_535], 65_535);
            server.receive(request);
            String text = new String(request.getData(), 0, request.getLength(), StandardCharsets.US_ASCII);
            StringBuilder response = new StringBuilder("SIP/2.0 " + status + " Whatever\r\n");
            text.lines().filter(line -> line.startsWith("Via:") || line.startsWith("Call-ID:") || line.startsWith("CSeq:"))
                    .forEach(line -> response.append(line).append("\r\n"));
            byte[] bytes = response.append("Content-Length: 0\r\n\r\n").toString().getBytes(StandardCharsets.US_ASCII);
            server.send(new DatagramPacket(bytes, bytes.length, request.getSocketAddress()));
            return text;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
